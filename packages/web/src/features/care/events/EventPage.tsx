/** 学术会议详情 — placeholder until its helper builds it. */
export default function EventPage() {
  return null;
}
