/** 预警 — a tab of the channel customer page. */
export function CustomerWarningsTab({ customerId }: { customerId: string }) {
  void customerId;
  return null;
}
