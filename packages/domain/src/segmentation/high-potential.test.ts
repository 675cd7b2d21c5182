import { describe, expect, it } from 'vitest';
import {
  defaultHighPotentialCriteria,
  findHighPotentialDoctors,
  validateHighPotentialCriteria,
  type HighPotentialCriteria,
  type ScoredDoctor,
} from './high-potential.ts';

const criteria = defaultHighPotentialCriteria;

describe('findHighPotentialDoctors — who qualifies (potential ≥ 4, status ≤ 1)', () => {
  it.each([
    ['top potential, opposed', 5, -4, true, 100],
    ['top potential, prescribing a little (status edge)', 5, 1, true, 37.5],
    ['potential 4 (potential edge), opposed', 4, -4, true, 75],
    ['potential 4, prescribing a little', 4, 1, true, 12.5],
    ['potential 4, listed and not prescribing', 4, 0, true, 25],
    ['potential 3 is not high', 3, -4, false, undefined],
    ['status 2 is not low', 5, 2, false, undefined],
    ['first choice is not low', 5, 4, false, undefined],
    ['status off the scale is skipped', 5, -5, false, undefined],
    ['potential off the scale is skipped', 6, 0, false, undefined],
    ['fractional potential is skipped', 4.5, 0, false, undefined],
  ])('%s', (_label, potential, status, included, gap) => {
    const found = findHighPotentialDoctors([{ id: 'd', potential, status }], criteria);
    expect(found).toEqual(included ? [{ id: 'd', potential, status, gap }] : []);
  });
});

describe('findHighPotentialDoctors — ranking', () => {
  it('puts the largest gap first, then higher potential, lower status, id', () => {
    const doctors: ScoredDoctor[] = [
      { id: 'small-gap', potential: 4, status: 1 },
      { id: 'b-tie', potential: 4, status: -2 }, // gap 50
      { id: 'a-tie', potential: 5, status: 0 }, // gap 50, higher potential wins the tie
      { id: 'largest', potential: 5, status: -4 },
      { id: 'not-high', potential: 2, status: -4 },
      { id: 'z-same', potential: 4, status: 0 },
      { id: 'y-same', potential: 4, status: 0 }, // identical scores: by id
    ];
    expect(findHighPotentialDoctors(doctors, criteria).map((d) => `${d.id}:${d.gap}`)).toEqual([
      'largest:100',
      'a-tie:50',
      'b-tie:50',
      'y-same:25',
      'z-same:25',
      'small-gap:12.5',
    ]);
  });

  it('returns nothing for no doctors', () => {
    expect(findHighPotentialDoctors([], criteria)).toEqual([]);
  });

  it('follows custom thresholds and scale', () => {
    const custom: HighPotentialCriteria = {
      minPotential: 8,
      maxStatus: -1,
      potentialScale: { min: 0, max: 9 },
    };
    const doctors: ScoredDoctor[] = [
      { id: 'in', potential: 9, status: -1 },
      { id: 'listed', potential: 9, status: 0 },
      { id: 'low', potential: 7, status: -4 },
    ];
    expect(findHighPotentialDoctors(doctors, custom)).toEqual([
      { id: 'in', potential: 9, status: -1, gap: 62.5 },
    ]);
  });
});

describe('validateHighPotentialCriteria', () => {
  it.each<[string, HighPotentialCriteria, string[]]>([
    ['defaults', criteria, []],
    ['threshold at the top of the scale', { ...criteria, minPotential: 5 }, []],
    ['threshold at the bottom of the scale', { ...criteria, minPotential: 1 }, []],
    ['threshold above the scale', { ...criteria, minPotential: 6 }, ['highPotential.minPotentialOutOfScale']],
    ['threshold below the scale', { ...criteria, minPotential: 0 }, ['highPotential.minPotentialOutOfScale']],
    ['fractional threshold', { ...criteria, minPotential: 3.5 }, ['highPotential.minPotentialOutOfScale']],
    ['status threshold off the scale', { ...criteria, maxStatus: 5 as never }, ['score.statusOutOfRange']],
    ['bad scale', { ...criteria, potentialScale: { min: 3, max: 1 } }, ['config.scaleInvalid']],
  ])('%s', (_label, input, keys) => {
    expect(validateHighPotentialCriteria(input).map((p) => p.key)).toEqual(keys);
  });
});
