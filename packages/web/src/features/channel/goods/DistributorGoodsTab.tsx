/** 订单/送货/库存/流向 — a tab of the channel customer page. */
export function DistributorGoodsTab({ customerId }: { customerId: string }) {
  void customerId;
  return null;
}
