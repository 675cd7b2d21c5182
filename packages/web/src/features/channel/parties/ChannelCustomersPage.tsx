/** 渠道客户 — placeholder until its helper builds it. */
export default function ChannelCustomersPage() {
  return null;
}
