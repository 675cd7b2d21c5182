import { describe, expect, it } from 'vitest';
import { distanceMeters, distanceToHospitalM, locationCheckOf } from './location.ts';

describe('distanceMeters (haversine)', () => {
  it.each([
    // 上海市第一人民医院 (虹口) → 瑞金医院 (黄浦): about 4.9 km
    [
      'two Shanghai hospitals',
      { latitude: 31.2513, longitude: 121.4899 },
      { latitude: 31.2117, longitude: 121.4689 },
      4_870,
      100,
    ],
    ['the same point', { latitude: 31.2, longitude: 121.4 }, { latitude: 31.2, longitude: 121.4 }, 0, 0.001],
    [
      'one degree of latitude',
      { latitude: 30, longitude: 120 },
      { latitude: 31, longitude: 120 },
      111_195,
      50,
    ],
    [
      'Shanghai to Beijing',
      { latitude: 31.2304, longitude: 121.4737 },
      { latitude: 39.9042, longitude: 116.4074 },
      1_067_000,
      3_000,
    ],
  ])('%s ≈ %d m', (_label, a, b, expected, tolerance) => {
    expect(Math.abs(distanceMeters(a, b) - expected)).toBeLessThanOrEqual(tolerance);
    expect(distanceMeters(b, a)).toBeCloseTo(distanceMeters(a, b), 6);
  });
});

describe('distanceToHospitalM', () => {
  const stamp = { latitude: 31.2117, longitude: 121.4689 };
  it.each([
    ['no stamp', null, { latitude: 31.2117, longitude: 121.4689 }, null],
    ['a hospital without a position', stamp, { latitude: null, longitude: null }, null],
    ['a hospital with only a latitude', stamp, { latitude: 31.2, longitude: null }, null],
    ['at the hospital', stamp, { latitude: 31.2117, longitude: 121.4689 }, 0],
    ['0.01° north of it', stamp, { latitude: 31.2217, longitude: 121.4689 }, 1_112],
  ])('%s → %s', (_label, s, hospital, expected) => {
    expect(distanceToHospitalM(s, hospital)).toBe(expected);
  });
});

describe('locationCheckOf', () => {
  it.each([
    ['nothing stamped', null, false, 'none'],
    ['stamped, hospital position unknown', null, true, 'unknown'],
    ['within the radius', 300, true, 'near'],
    ['exactly at the radius', 1000, true, 'near'],
    ['beyond the radius', 1001, true, 'far'],
  ] as const)('%s → %s', (_label, distance, stamped, expected) => {
    expect(locationCheckOf(distance, stamped, 1000)).toBe(expected);
  });
});
