export type GeoPoint = { latitude: number; longitude: number };

/** Mean Earth radius (IUGG), metres. */
const earthRadiusM = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine); plenty for "near the hospital or not". */
export function distanceMeters(a: GeoPoint, b: GeoPoint): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLng = rad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * earthRadiusM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * What a manager is shown of a call's location stamp: near / far from the hospital, unknown when the
 * hospital has no position, none when the rep stamped no location. Never the coordinates themselves.
 */
export type LocationCheck = 'near' | 'far' | 'unknown' | 'none';

export function locationCheckOf(
  distanceM: number | null,
  stamped: boolean,
  nearMeters: number,
): LocationCheck {
  if (!stamped) return 'none';
  if (distanceM === null) return 'unknown';
  return distanceM <= nearMeters ? 'near' : 'far';
}

/** Whole metres from the stamp to the hospital, or null when either position is unknown. */
export function distanceToHospitalM(
  stamp: GeoPoint | null | undefined,
  hospital: { latitude: number | null; longitude: number | null },
): number | null {
  if (!stamp || hospital.latitude === null || hospital.longitude === null) return null;
  return Math.round(distanceMeters(stamp, { latitude: hospital.latitude, longitude: hospital.longitude }));
}
