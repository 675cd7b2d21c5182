/** 渠道产品与价格 — placeholder until its helper builds it. */
export default function ChannelProductsPage() {
  return null;
}
