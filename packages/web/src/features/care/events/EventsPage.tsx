/** 学术会议 — placeholder until its helper builds it. */
export default function EventsPage() {
  return null;
}
