/** 会议签到 — placeholder until its helper builds it. */
export default function EventSignInPage() {
  return null;
}
