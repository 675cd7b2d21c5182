/** 流向导入 — placeholder until its helper builds it. */
export default function FlowImportsPage() {
  return null;
}
