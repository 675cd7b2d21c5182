/** 客情费 — placeholder until its helper builds it. */
export default function CareFeesPage() {
  return null;
}
