/**
 * 渠道预警 evaluation: gathers the figures per channel customer × product in SQL (aggregates only — flow, stock,
 * shipments and the ledger are never loaded row by row), applies the pure rules of domain/channel/warnings.ts and
 * upserts channel_warnings: raise new ones, update the figure of those still true, resolve those no longer true.
 * Everything is "as of" a date so the seed can replay a year of history month by month.
 */
import { sql, type SQL } from 'drizzle-orm';
import {
  addDays,
  addMonths,
  channelMargin,
  channelVisitIntervalDays,
  customerRiskLevel,
  distributorHealth,
  dropPct,
  isOutsideTerritory,
  licenceExpiryRule,
  marginBelowCompetitorRule,
  neglectRule,
  overCreditLimitRule,
  allocatePayments,
  ageingBuckets,
  overdueOfBuckets,
  type LedgerEntryLike,
  overStockRule,
  portfolioGapRule,
  priceDisorderRule,
  promiseOverdueRule,
  receivableOverdueRule,
  returnRateRule,
  riskEventsRule,
  riskLevelNumber,
  scarcityMarkupRule,
  sellInOverSellThroughRule,
  stockOutRule,
  unreconciledRule,
  volumeDropRule,
  chinaDate,
  daysBetween,
  type ChannelPriceLevels,
  type ChannelSettings,
  type ChannelWarningKind,
  type HealthComponents,
  type LifecycleStage,
  type RuleHit,
} from '@keqing/domain';
import type { Db } from '../../db/client.ts';
import { channelHealthSnapshots, channelWarnings } from '../../db/schema.ts';
import { loadChannelSettings } from './channel-settings.repository.ts';

/** Days of flow and shipments behind sell-in vs sell-through, return rate, 窜货 and "carried" products. */
export const channelWindowDays = 90;
/** At most this many flow row ids are kept in a warning's detail. */
export const maxTracedRows = 50;
/** A stock report older than this is stale and not judged. */
const staleStockDays = 90;

type Row = Record<string, unknown>;
async function rowsOf<T extends Row>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const dateText = (v: unknown): string | null =>
  v === null || v === undefined
    ? null
    : v instanceof Date
      ? v.toISOString().slice(0, 10)
      : String(v).slice(0, 10);
const idList = (ids: readonly string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/** A warning that holds on `asOf`. */
export type WarningHit = {
  kind: ChannelWarningKind;
  channelCustomerId: string;
  productId: string | null;
  subjectKey: string;
  figure: number | null;
  threshold: number;
  detail: Record<string, unknown>;
};

type Customer = {
  id: string;
  kind: 'distributor' | 'pharmacy' | 'clinic';
  distributorTier: 'primary' | 'secondary' | 'terminal' | null;
  terminalTier: 'key' | 'secondary' | 'other' | null;
  authorisedCities: string[];
  authorisedHospitalIds: string[];
  authorisedCustomerIds: string[];
  creditLimitFen: number | null;
};

type Periods = {
  asOf: string;
  windowFrom: string; // exclusive
  carriedFrom: string; // exclusive (2 windows)
  m1Start: string;
  m1End: string;
  m2Start: string;
  m2End: string;
  y1Start: string;
  y1End: string;
  stockFrom: string;
  sellFrom: string;
  /** A debit due before this date is overdue (the grace days after its settlement date) */
  overdueBefore: string;
};

function periodsOf(asOf: string, s: ChannelSettings): Periods {
  const m0Start = `${asOf.slice(0, 7)}-01`;
  const m1Start = addMonths(m0Start, -1);
  const m2Start = addMonths(m0Start, -2);
  const y1Start = addMonths(m1Start, -12);
  return {
    asOf,
    sellFrom: addDays(asOf, -s.sellThroughWindowDays),
    windowFrom: addDays(asOf, -channelWindowDays),
    carriedFrom: addDays(asOf, -2 * channelWindowDays),
    m1Start,
    m1End: addDays(m0Start, -1),
    m2Start,
    m2End: addDays(m1Start, -1),
    y1Start,
    y1End: addDays(addMonths(y1Start, 1), -1),
    stockFrom: addDays(asOf, -staleStockDays),
    overdueBefore: addDays(asOf, -s.overdueGraceDays),
  };
}

/** Everything the rules need, per customer and per customer × product, as of a date. */
type Figures = Awaited<ReturnType<typeof gatherFigures>>;

async function gatherFigures(db: Db, ids: readonly string[] | undefined, p: Periods) {
  const only = (column: SQL) => (ids ? sql`and ${column} in (${idList(ids)})` : sql``);

  const customers = (
    await rowsOf(
      db,
      sql`select id, kind, distributor_tier, terminal_tier, authorised_cities, authorised_hospital_ids,
                 authorised_customer_ids, credit_limit_fen
          from channel_customers where status <> 'lost' ${only(sql`id`)}`,
    )
  ).map((r): Customer => ({
    id: String(r.id),
    kind: r.kind as Customer['kind'],
    distributorTier: (r.distributor_tier as Customer['distributorTier']) ?? null,
    terminalTier: (r.terminal_tier as Customer['terminalTier']) ?? null,
    authorisedCities: (r.authorised_cities as string[] | null) ?? [],
    authorisedHospitalIds: ((r.authorised_hospital_ids as string[] | null) ?? []).map(String),
    authorisedCustomerIds: ((r.authorised_customer_ids as string[] | null) ?? []).map(String),
    creditLimitFen: numOrNull(r.credit_limit_fen),
  }));

  const [
    stock,
    flow,
    shipments,
    prices,
    products,
    tierPrices,
    buyers,
    ledger,
    ledgerEntryRows,
    risks,
    visits,
    licences,
    promises,
  ] = await Promise.all([
    // the latest stock report of each product, unless stale
    rowsOf(
      db,
      sql`select distinct on (channel_customer_id, product_id) id, channel_customer_id, product_id, quantity, reported_on
            from channel_stock_reports
            where reported_on <= ${p.asOf}::date and reported_on > ${p.stockFrom}::date ${only(sql`channel_customer_id`)}
            order by channel_customer_id, product_id, reported_on desc, created_at desc`,
    ),
    // sell-through from committed flow files
    rowsOf(
      db,
      sql`select fr.channel_customer_id, fr.product_id,
              coalesce(sum(fr.quantity) filter (where fr.sale_date > ${p.sellFrom}::date), 0) as sold_window,
              coalesce(sum(fr.quantity) filter (where fr.sale_date > ${p.windowFrom}::date), 0) as sold_90,
              coalesce(sum(fr.quantity) filter (where fr.sale_date > ${p.carriedFrom}::date and fr.sale_date <= ${p.windowFrom}::date), 0) as sold_prev_90,
              coalesce(sum(fr.quantity) filter (where fr.sale_date between ${p.m1Start}::date and ${p.m1End}::date), 0) as m1,
              coalesce(sum(fr.quantity) filter (where fr.sale_date between ${p.m2Start}::date and ${p.m2End}::date), 0) as m2,
              coalesce(sum(fr.quantity) filter (where fr.sale_date between ${p.y1Start}::date and ${p.y1End}::date), 0) as y1,
              max(fr.sale_date) as last_sale
            from flow_rows fr join flow_imports fi on fi.id = fr.import_id and fi.status = 'committed'
            where fr.product_id is not null and fr.sale_date <= ${p.asOf}::date and fr.sale_date >= ${p.y1Start}::date
              ${only(sql`fr.channel_customer_id`)}
            group by fr.channel_customer_id, fr.product_id`,
    ),
    // sell-in and returns
    rowsOf(
      db,
      sql`select channel_customer_id, product_id,
              coalesce(sum(quantity) filter (where kind = 'delivery' and shipped_on > ${p.windowFrom}::date), 0) as delivered,
              coalesce(sum(quantity) filter (where kind = 'return' and shipped_on > ${p.windowFrom}::date), 0) as returned,
              coalesce(sum(quantity) filter (where kind = 'delivery' and shipped_on <= ${p.windowFrom}::date), 0) as delivered_prev,
              coalesce(sum(quantity) filter (where kind = 'return' and shipped_on <= ${p.windowFrom}::date), 0) as returned_prev
            from channel_shipments
            where shipped_on <= ${p.asOf}::date and shipped_on > ${p.carriedFrom}::date ${only(sql`channel_customer_id`)}
            group by channel_customer_id, product_id`,
    ),
    // the latest price seen per level in the window
    rowsOf(
      db,
      sql`select distinct on (channel_customer_id, product_id, level) id, channel_customer_id, product_id, level, price_fen, reported_on
            from channel_price_reports
            where reported_on <= ${p.asOf}::date and reported_on > ${p.windowFrom}::date ${only(sql`channel_customer_id`)}
            order by channel_customer_id, product_id, level, reported_on desc, created_at desc`,
    ),
    rowsOf(
      db,
      sql`select cp.product_id, cp.lifecycle_stage, cp.order_price_fen, cp.distributor_price_fen, cp.factory_price_fen,
                   cp.purchase_price_fen, cp.retail_price_fen, cp.min_resale_price_fen, cp.competitor_name,
                   cp.competitor_prices, cp.supplied, cp.delisted_on, cp.replacement_product_id,
                   rp.lifecycle_stage as replacement_stage
            from channel_products cp left join channel_products rp on rp.product_id = cp.replacement_product_id`,
    ),
    rowsOf(db, sql`select product_id, distributor_tier, min_resale_price_fen from channel_tier_prices`),
    // flow by buyer (窜货), only for customers with an authorised territory
    rowsOf(
      db,
      sql`select fr.channel_customer_id, fr.product_id, fr.hospital_id, fr.buyer_customer_id,
              coalesce(h.city, bc.city) as city, count(*)::int as row_count, sum(fr.quantity) as quantity,
              (array_agg(fr.id::text order by fr.sale_date desc, fr.row_no))[1:${maxTracedRows}] as row_ids
            from flow_rows fr
              join flow_imports fi on fi.id = fr.import_id and fi.status = 'committed'
              join channel_customers cc on cc.id = fr.channel_customer_id
              left join hospitals h on h.id = fr.hospital_id
              left join channel_customers bc on bc.id = fr.buyer_customer_id
            where fr.sale_date <= ${p.asOf}::date and fr.sale_date > ${p.windowFrom}::date
              and (fr.hospital_id is not null or fr.buyer_customer_id is not null)
              and (cardinality(cc.authorised_cities) > 0 or cardinality(cc.authorised_hospital_ids) > 0
                   or cardinality(cc.authorised_customer_ids) > 0)
              ${only(sql`fr.channel_customer_id`)}
            group by fr.channel_customer_id, fr.product_id, fr.hospital_id, fr.buyer_customer_id, coalesce(h.city, bc.city)`,
    ),
    // 业务帐: balance, first entry, last reconciliation
    rowsOf(
      db,
      sql`select le.channel_customer_id,
              coalesce(sum(le.amount_fen), 0) as balance,
              min(le.entry_date) as first_entry,
              (select max(lr.period_end) from ledger_reconciliations lr
                where lr.channel_customer_id = le.channel_customer_id and lr.period_end <= ${p.asOf}::date) as last_reconciled
            from ledger_entries le
            where le.entry_date <= ${p.asOf}::date ${only(sql`le.channel_customer_id`)}
            group by le.channel_customer_id`,
    ),
    // the entries themselves, for the overdue figure: the same FIFO allocation as the receivables page
    rowsOf(
      db,
      sql`select id, channel_customer_id, entry_date, kind, amount_fen, due_date from ledger_entries
            where entry_date <= ${p.asOf}::date ${only(sql`channel_customer_id`)}`,
    ),
    rowsOf(
      db,
      sql`select channel_customer_id, id, occurred_on, severity from channel_risk_events
            where occurred_on <= ${p.asOf}::date and occurred_on > ${addDays(p.asOf, -180)}::date ${only(sql`channel_customer_id`)}`,
    ),
    rowsOf(
      db,
      sql`select distinct on (channel_customer_id) channel_customer_id, id, visit_date from channel_visits
            where visit_date <= ${p.asOf}::date ${only(sql`channel_customer_id`)}
            order by channel_customer_id, visit_date desc, created_at desc`,
    ),
    // the licence of each kind that runs longest (a renewed licence replaces the old one)
    rowsOf(
      db,
      sql`select distinct on (channel_customer_id, kind) id, channel_customer_id, kind, number, valid_until
            from channel_licences where valid_until is not null ${only(sql`channel_customer_id`)}
            order by channel_customer_id, kind, valid_until desc`,
    ),
    rowsOf(
      db,
      sql`select id, channel_customer_id, due_on, status, closed_on,
              (status = 'open' or closed_on > ${p.asOf}::date) as open_then
            from channel_promises
            where made_on <= ${p.asOf}::date and due_on > ${addDays(p.asOf, -365)}::date ${only(sql`channel_customer_id`)}`,
    ),
  ]);
  return {
    customers,
    stock,
    flow,
    shipments,
    prices,
    products,
    tierPrices,
    buyers,
    ledger,
    ledgerEntries: ledgerEntryRows.map((r): LedgerEntryLike & { channelCustomerId: string } => ({
      id: String(r.id),
      channelCustomerId: String(r.channel_customer_id),
      entryDate: dateText(r.entry_date)!,
      kind: r.kind as LedgerEntryLike['kind'],
      amountFen: num(r.amount_fen),
      dueDate: dateText(r.due_date),
    })),
    risks,
    visits,
    licences,
    promises,
  };
}

const key = (customerId: string, productId: unknown) => `${customerId}|${String(productId)}`;

/** Per customer: the rule hits and the health components (distributors). */
function applyRules(f: Figures, p: Periods, s: ChannelSettings) {
  const hits: WarningHit[] = [];
  const health = new Map<string, HealthComponents>();
  const customerById = new Map(f.customers.map((c) => [c.id, c]));
  const productById = new Map(f.products.map((r) => [String(r.product_id), r]));
  const tierMin = new Map(
    f.tierPrices.map((r) => [
      `${String(r.product_id)}|${String(r.distributor_tier)}`,
      num(r.min_resale_price_fen),
    ]),
  );
  const flowBy = new Map(f.flow.map((r) => [key(String(r.channel_customer_id), r.product_id), r]));
  const stockBy = new Map(f.stock.map((r) => [key(String(r.channel_customer_id), r.product_id), r]));
  const shipBy = new Map(f.shipments.map((r) => [key(String(r.channel_customer_id), r.product_id), r]));

  const h = (id: string): HealthComponents => {
    let c = health.get(id);
    if (!c) {
      const customer = customerById.get(id)!;
      c = {
        productsCarried: 0,
        stockOutProducts: 0,
        overStockProducts: 0,
        sellThroughTrendPct: null,
        balanceFen: 0,
        overdueFen: 0,
        overCreditLimit: false,
        riskLevel: 0,
        priceDisorders: 0,
        crossTerritoryRows: 0,
        daysSinceVisit: null,
        visitIntervalDays: channelVisitIntervalDays(customer.kind, customer.terminalTier, s),
        marginGapPoints: null,
        allowedMarginGapPoints: s.marginGapPoints,
        promisesKept: 0,
        promisesBroken: 0,
        promisesOverdue: 0,
      };
      health.set(id, c);
    }
    return c;
  };
  const hit = (
    kind: ChannelWarningKind,
    channelCustomerId: string,
    productId: string | null,
    subjectKey: string,
    r: RuleHit | null,
    detail: Record<string, unknown>,
  ) => {
    if (!r || !customerById.has(channelCustomerId)) return false;
    hits.push({
      kind,
      channelCustomerId,
      productId,
      subjectKey,
      figure: r.figure,
      threshold: r.threshold,
      detail,
    });
    return true;
  };

  // products carried: stock, flow or shipments of the last two windows
  const carried = new Map<string, Set<string>>();
  for (const r of [...f.stock, ...f.flow, ...f.shipments]) {
    const id = String(r.channel_customer_id);
    if (!customerById.has(id) || !r.product_id) continue;
    if (!carried.has(id)) carried.set(id, new Set());
    carried.get(id)!.add(String(r.product_id));
  }
  const sellTrend = new Map<string, { now: number; before: number }>();

  for (const [customerId, productIds] of carried) {
    const customer = customerById.get(customerId)!;
    const components = h(customerId);
    components.productsCarried = productIds.size;
    let worstGap: number | null = null;
    for (const productId of productIds) {
      const fl = flowBy.get(key(customerId, productId));
      const st = stockBy.get(key(customerId, productId));
      const sh = shipBy.get(key(customerId, productId));
      const soldWindow = num(fl?.sold_window);
      const trend = sellTrend.get(customerId) ?? { now: 0, before: 0 };
      trend.now += num(fl?.sold_90);
      trend.before += num(fl?.sold_prev_90);
      sellTrend.set(customerId, trend);

      // 断货 / 压货
      if (st) {
        const figures = { stock: num(st.quantity), soldInWindow: soldWindow, soldLastMonth: num(fl?.m1) };
        const detail = {
          stockReportId: String(st.id),
          reportedOn: dateText(st.reported_on),
          stock: figures.stock,
          soldInWindow: soldWindow,
          windowDays: s.sellThroughWindowDays,
          soldLastMonth: figures.soldLastMonth,
        };
        if (hit('stockOut', customerId, productId, '', stockOutRule(figures, s), detail))
          components.stockOutProducts++;
        if (hit('overStock', customerId, productId, '', overStockRule(figures, s), detail))
          components.overStockProducts++;
      }

      // 销量下滑 (month over month, year over year)
      if (fl) {
        const m1 = num(fl.m1);
        hit('volumeDrop', customerId, productId, 'mom', volumeDropRule(num(fl.m2), m1, s), {
          month: p.m1Start.slice(0, 7),
          previousMonth: p.m2Start.slice(0, 7),
          before: num(fl.m2),
          now: m1,
        });
        hit('volumeDrop', customerId, productId, 'yoy', volumeDropRule(num(fl.y1), m1, s), {
          month: p.m1Start.slice(0, 7),
          previousMonth: p.y1Start.slice(0, 7),
          before: num(fl.y1),
          now: m1,
        });
      }

      // sell-in vs sell-through, return rate
      if (sh) {
        const delivered = num(sh.delivered);
        const sold90 = num(fl?.sold_90);
        hit(
          'sellInOverSellThrough',
          customerId,
          productId,
          '',
          sellInOverSellThroughRule(delivered, sold90, s),
          {
            sellIn: delivered,
            sellThrough: sold90,
            windowDays: channelWindowDays,
          },
        );
        const current = { returned: num(sh.returned), delivered };
        const previous = { returned: num(sh.returned_prev), delivered: num(sh.delivered_prev) };
        hit('returnRate', customerId, productId, '', returnRateRule(current, previous, s), {
          ...current,
          previousReturned: previous.returned,
          previousDelivered: previous.delivered,
          windowDays: channelWindowDays,
        });
      }

      const cp = productById.get(productId);
      if (!cp) continue;
      // 渠道利润 vs the competitor
      const competitor = cp.competitor_prices as Partial<ChannelPriceLevels> | null;
      if (competitor && typeof competitor.order === 'number' && typeof competitor.distributor === 'number') {
        const ours = channelMargin({
          factory: num(cp.factory_price_fen),
          order: num(cp.order_price_fen),
          distributor: num(cp.distributor_price_fen),
          purchase: num(cp.purchase_price_fen),
          retail: num(cp.retail_price_fen),
        }).distributorPct;
        const theirs = channelMargin({
          factory: 0,
          order: competitor.order,
          distributor: competitor.distributor,
          purchase: 0,
          retail: 0,
        }).distributorPct;
        if (ours !== null && theirs !== null) {
          const gap = Math.round((ours - theirs) * 10) / 10;
          worstGap = worstGap === null ? gap : Math.min(worstGap, gap);
        }
        if (customer.kind === 'distributor')
          hit(
            'marginBelowCompetitor',
            customerId,
            productId,
            '',
            marginBelowCompetitorRule(ours, theirs, s),
            {
              ourMarginPct: ours,
              competitorMarginPct: theirs,
              competitorName: cp.competitor_name ?? null,
            },
          );
      }
      // 产品断档
      const delistedOn = dateText(cp.delisted_on);
      if (customer.kind === 'distributor' && (!delistedOn || delistedOn <= p.asOf))
        hit(
          'portfolioGap',
          customerId,
          productId,
          '',
          portfolioGapRule({
            stage: cp.lifecycle_stage as LifecycleStage,
            supplied: cp.supplied === true || cp.supplied === 't',
            replacementStage: (cp.replacement_stage as LifecycleStage | null) ?? null,
          }),
          {
            delistedOn,
            stage: cp.lifecycle_stage,
            replacementProductId: cp.replacement_product_id ?? null,
            replacementStage: cp.replacement_stage ?? null,
          },
        );
    }
    components.marginGapPoints = worstGap;
  }
  for (const [customerId, t] of sellTrend) {
    const drop = dropPct(t.before, t.now);
    h(customerId).sellThroughTrendPct = drop === null ? null : -drop;
  }

  // 乱价 and 加价惜售 from reported prices
  for (const r of f.prices) {
    const customerId = String(r.channel_customer_id);
    const customer = customerById.get(customerId);
    const cp = productById.get(String(r.product_id));
    if (!customer || !cp) continue;
    const productId = String(r.product_id);
    const level = String(r.level);
    const price = num(r.price_fen);
    const fromTier = customer.distributorTier
      ? tierMin.get(`${productId}|${customer.distributorTier}`)
      : undefined;
    const minResale = fromTier ?? numOrNull(cp.min_resale_price_fen);
    const detail = {
      priceReportId: String(r.id),
      reportedOn: dateText(r.reported_on),
      level,
      priceFen: price,
    };
    if (
      hit('priceDisorder', customerId, productId, level, priceDisorderRule(price, minResale), {
        ...detail,
        minResaleFen: minResale,
        minResaleFrom: fromTier === undefined ? 'product' : 'tier',
      })
    )
      h(customerId).priceDisorders++;
    if (level === 'distributor')
      hit(
        'scarcityMarkup',
        customerId,
        productId,
        '',
        scarcityMarkupRule(price, num(cp.order_price_fen), s),
        {
          ...detail,
          orderPriceFen: num(cp.order_price_fen),
        },
      );
  }

  // 窜货: buyers outside the authorised territory
  for (const r of f.buyers) {
    const customerId = String(r.channel_customer_id);
    const customer = customerById.get(customerId);
    if (!customer) continue;
    const buyer = {
      hospitalId: r.hospital_id ? String(r.hospital_id) : null,
      buyerCustomerId: r.buyer_customer_id ? String(r.buyer_customer_id) : null,
      city: r.city ? String(r.city) : null,
    };
    if (!isOutsideTerritory(buyer, customer)) continue;
    const rows = num(r.row_count);
    const subjectKey = buyer.hospitalId
      ? `hospital:${buyer.hospitalId}`
      : `customer:${buyer.buyerCustomerId}`;
    hit(
      'crossTerritory',
      customerId,
      r.product_id ? String(r.product_id) : null,
      subjectKey,
      { figure: rows, threshold: 0 },
      {
        ...buyer,
        rows,
        quantity: num(r.quantity),
        flowRowIds: (r.row_ids as string[] | null) ?? [],
      },
    );
    h(customerId).crossTerritoryRows += rows;
  }

  // receivables
  const entriesBy = new Map<string, LedgerEntryLike[]>();
  for (const e of f.ledgerEntries) {
    const list = entriesBy.get(e.channelCustomerId) ?? [];
    list.push(e);
    entriesBy.set(e.channelCustomerId, list);
  }
  for (const r of f.ledger) {
    const customerId = String(r.channel_customer_id);
    const customer = customerById.get(customerId);
    if (!customer) continue;
    const balance = num(r.balance);
    // past the settlement date by more than the grace days, payments applied to the oldest deliveries first
    const { openItems } = allocatePayments(entriesBy.get(customerId) ?? []);
    const overdue = overdueOfBuckets(ageingBuckets(openItems, p.overdueBefore));
    const components = h(customerId);
    Object.assign(components, { balanceFen: balance, overdueFen: overdue });
    const ledgerDetail = { balanceFen: balance, overdueFen: overdue };
    if (
      hit('overCreditLimit', customerId, null, '', overCreditLimitRule(balance, customer.creditLimitFen), {
        ...ledgerDetail,
        creditLimitFen: customer.creditLimitFen,
      })
    )
      components.overCreditLimit = true;
    hit('receivableOverdue', customerId, null, '', receivableOverdueRule(overdue), ledgerDetail);
    const lastReconciled = dateText(r.last_reconciled);
    const since = lastReconciled ?? dateText(r.first_entry);
    hit(
      'unreconciled',
      customerId,
      null,
      '',
      unreconciledRule(since ? daysBetween(since, p.asOf) : null, s),
      {
        lastReconciledPeriodEnd: lastReconciled,
        firstEntryDate: dateText(r.first_entry),
      },
    );
  }
  const riskBy = new Map<string, { occurredOn: string; severity: number; id: string }[]>();
  for (const r of f.risks) {
    const id = String(r.channel_customer_id);
    if (!riskBy.has(id)) riskBy.set(id, []);
    riskBy
      .get(id)!
      .push({ occurredOn: dateText(r.occurred_on)!, severity: num(r.severity), id: String(r.id) });
  }
  for (const [customerId, events] of riskBy) {
    if (!customerById.has(customerId)) continue;
    const level = customerRiskLevel(events, p.asOf);
    const sum = events.reduce((a, e) => a + e.severity, 0);
    h(customerId).riskLevel = riskLevelNumber(level);
    hit('riskEvents', customerId, null, '', riskEventsRule(level, sum), {
      level,
      riskEventIds: events.map((e) => e.id),
    });
  }

  // 冷落: every channel customer, by its visit interval
  const lastVisit = new Map(f.visits.map((r) => [String(r.channel_customer_id), r]));
  for (const customer of f.customers) {
    const v = lastVisit.get(customer.id);
    const visitDate = v ? dateText(v.visit_date) : null;
    const daysSince = visitDate ? daysBetween(visitDate, p.asOf) : null;
    const interval = channelVisitIntervalDays(customer.kind, customer.terminalTier, s);
    if (customer.kind === 'distributor') h(customer.id).daysSinceVisit = daysSince;
    hit('neglect', customer.id, null, '', neglectRule(daysSince, interval), {
      lastVisitId: v ? String(v.id) : null,
      lastVisitDate: visitDate,
    });
  }

  // 证照
  for (const r of f.licences) {
    const validUntil = dateText(r.valid_until)!;
    hit(
      'licenceExpiry',
      String(r.channel_customer_id),
      null,
      String(r.kind),
      licenceExpiryRule(daysBetween(p.asOf, validUntil), s),
      {
        licenceId: String(r.id),
        licenceKind: String(r.kind),
        number: String(r.number),
        validUntil,
      },
    );
  }

  // 承诺
  for (const r of f.promises) {
    const customerId = String(r.channel_customer_id);
    if (!customerById.has(customerId)) continue;
    const dueOn = dateText(r.due_on)!;
    const openThen = r.open_then === true || r.open_then === 't';
    const closedOn = dateText(r.closed_on);
    const components = h(customerId);
    if (openThen) {
      if (
        hit(
          'promiseOverdue',
          customerId,
          null,
          String(r.id),
          promiseOverdueRule(daysBetween(dueOn, p.asOf)),
          {
            promiseId: String(r.id),
            dueOn,
          },
        )
      )
        components.promisesOverdue++;
    } else if (closedOn && closedOn <= p.asOf) {
      if (r.status === 'kept') components.promisesKept++;
      else if (r.status === 'broken') components.promisesBroken++;
    }
  }
  return { hits, health };
}

const hitKey = (k: {
  kind: string;
  channelCustomerId: string;
  productId: string | null;
  subjectKey: string;
}) => `${k.kind}|${k.channelCustomerId}|${k.productId ?? ''}|${k.subjectKey}`;

/** The rep covering a territory that holds each customer (the open assignment; the first territory by code). */
async function assigneesOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await rowsOf(
    db,
    sql`select distinct on (tc.channel_customer_id) tc.channel_customer_id, ta.user_id
        from territory_channel_customers tc
          join territories t on t.id = tc.territory_id and t.active
          join territory_assignments ta on ta.territory_id = tc.territory_id and ta.end_date is null
        where tc.channel_customer_id in (${idList(ids)})
        order by tc.channel_customer_id, t.code`,
  );
  return new Map(rows.map((r) => [String(r.channel_customer_id), String(r.user_id)]));
}

export type EvaluationResult = { evaluated: number; raised: number; updated: number; resolved: number };

/**
 * Re-evaluates the channel warning rules for some distributors (all when omitted) as of a date, upserting
 * channel_warnings (raise, update figure, resolve what no longer holds). Called after data changes
 * (flow import commit, stock report, shipment, payment) and by the seed.
 */
export async function evaluateChannelWarnings(
  db: Db,
  opts: { channelCustomerIds?: string[]; asOf?: string } = {},
): Promise<EvaluationResult> {
  const asOf = opts.asOf ?? chinaDate();
  if (opts.channelCustomerIds && opts.channelCustomerIds.length === 0)
    return { evaluated: 0, raised: 0, updated: 0, resolved: 0 };
  const settings = await loadChannelSettings(db);
  const periods = periodsOf(asOf, settings);
  const figures = await gatherFigures(db, opts.channelCustomerIds, periods);
  const customerIds = figures.customers.map((c) => c.id);
  const { hits } = applyRules(figures, periods, settings);
  const assignees = await assigneesOf(db, customerIds);

  return db.transaction(async (tx) => {
    const existing = customerIds.length
      ? await rowsOf(
          tx,
          sql`select id, kind, channel_customer_id, product_id, subject_key, status from channel_warnings
              where channel_customer_id in (${idList(customerIds)})`,
        )
      : [];
    const byKey = new Map(
      existing.map((r) => [
        hitKey({
          kind: String(r.kind),
          channelCustomerId: String(r.channel_customer_id),
          productId: r.product_id ? String(r.product_id) : null,
          subjectKey: String(r.subject_key),
        }),
        r,
      ]),
    );
    const seen = new Set<string>();
    let raised = 0;
    let updated = 0;
    let resolved = 0;
    const fresh: (typeof channelWarnings.$inferInsert)[] = [];
    for (const w of hits) {
      const k = hitKey(w);
      if (seen.has(k)) continue;
      seen.add(k);
      const assigneeId = assignees.get(w.channelCustomerId) ?? null;
      const row = byKey.get(k);
      if (!row) {
        fresh.push({ ...w, assigneeId, status: 'open', raisedOn: asOf, lastSeenOn: asOf });
        continue;
      }
      const reopen = row.status === 'resolved';
      await tx.execute(sql`
        update channel_warnings set figure = ${w.figure}, threshold = ${w.threshold}, detail = ${JSON.stringify(w.detail)}::jsonb,
          last_seen_on = ${asOf}::date, assignee_id = ${assigneeId},
          ${reopen ? sql`status = 'open', raised_on = ${asOf}::date, resolved_on = null, acknowledged_by = null, acknowledged_at = null, acknowledge_note = null,` : sql``}
          version = version + 1, updated_at = now()
        where id = ${String(row.id)}::uuid`);
      if (reopen) raised++;
      else updated++;
    }
    if (fresh.length) {
      for (let i = 0; i < fresh.length; i += 500)
        await tx.insert(channelWarnings).values(fresh.slice(i, i + 500));
      raised += fresh.length;
    }
    const gone = existing.filter(
      (r) =>
        r.status !== 'resolved' &&
        !seen.has(
          hitKey({
            kind: String(r.kind),
            channelCustomerId: String(r.channel_customer_id),
            productId: r.product_id ? String(r.product_id) : null,
            subjectKey: String(r.subject_key),
          }),
        ),
    );
    if (gone.length) {
      await tx.execute(sql`
        update channel_warnings set status = 'resolved', resolved_on = ${asOf}::date, version = version + 1, updated_at = now()
        where id in (${idList(gone.map((r) => String(r.id)))})`);
      resolved = gone.length;
    }
    // a lost 流失 customer is no longer judged: what was still open about it is resolved
    const lost = await rowsOf(
      tx,
      sql`update channel_warnings set status = 'resolved', resolved_on = ${asOf}::date, version = version + 1, updated_at = now()
          where status <> 'resolved' and channel_customer_id in (
            select id from channel_customers where status = 'lost'
            ${opts.channelCustomerIds ? sql`and id in (${idList(opts.channelCustomerIds)})` : sql``})
          returning id`,
    );
    resolved += lost.length;
    return { evaluated: customerIds.length, raised, updated, resolved };
  });
}

/** The last day of a month (YYYY-MM). */
export const monthEnd = (month: string) => addDays(addMonths(`${month}-01`, 1), -1);

/** Computes and stores the health score of every distributor (or the given ones) for a month (YYYY-MM). */
export async function computeChannelHealth(
  db: Db,
  opts: { month: string; channelCustomerIds?: string[] },
): Promise<{ computed: number }> {
  if (opts.channelCustomerIds && opts.channelCustomerIds.length === 0) return { computed: 0 };
  const today = chinaDate();
  const end = monthEnd(opts.month);
  const asOf = end < today ? end : today;
  const settings = await loadChannelSettings(db);
  const periods = periodsOf(asOf, settings);
  const figures = await gatherFigures(db, opts.channelCustomerIds, periods);
  figures.customers = figures.customers.filter((c) => c.kind === 'distributor');
  const { health } = applyRules(figures, periods, settings);
  const values = figures.customers.map((c) => {
    const components = health.get(c.id)!;
    return {
      channelCustomerId: c.id,
      month: opts.month,
      score: distributorHealth(components),
      components: { ...components, asOf },
    };
  });
  for (let i = 0; i < values.length; i += 500)
    await db
      .insert(channelHealthSnapshots)
      .values(values.slice(i, i + 500))
      .onConflictDoUpdate({
        target: [channelHealthSnapshots.channelCustomerId, channelHealthSnapshots.month],
        set: { score: sql`excluded.score`, components: sql`excluded.components`, computedAt: sql`now()` },
      });
  return { computed: values.length };
}
