/** 满意度调查 — placeholder until its helper builds it. */
export default function SurveysPage() {
  return null;
}
