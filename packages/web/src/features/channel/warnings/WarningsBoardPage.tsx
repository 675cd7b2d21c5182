/** 渠道预警 — placeholder until its helper builds it. */
export default function WarningsBoardPage() {
  return null;
}
