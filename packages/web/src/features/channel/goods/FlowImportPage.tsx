/** 流向导入详情 — placeholder until its helper builds it. */
export default function FlowImportPage() {
  return null;
}
