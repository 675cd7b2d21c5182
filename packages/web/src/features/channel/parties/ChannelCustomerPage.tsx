/** 渠道客户详情 — placeholder until its helper builds it. */
export default function ChannelCustomerPage() {
  return null;
}
