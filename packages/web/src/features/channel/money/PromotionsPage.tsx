/** 渠道促销 — placeholder until its helper builds it. */
export default function PromotionsPage() {
  return null;
}
