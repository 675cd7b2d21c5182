/** 业务帐 — a tab of the channel customer page. */
export function LedgerTab({ customerId }: { customerId: string }) {
  void customerId;
  return null;
}
