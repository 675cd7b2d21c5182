/** 公开问卷页 — placeholder until its helper builds it. */
export default function SurveyAnswerPage() {
  return null;
}
