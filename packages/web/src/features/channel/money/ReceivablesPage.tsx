/** 应收账款 — placeholder until its helper builds it. */
export default function ReceivablesPage() {
  return null;
}
