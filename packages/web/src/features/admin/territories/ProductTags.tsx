import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Product } from '../admin.api.ts';

/** Product names of a territory; the first few as tags, the rest behind "+n". */
export function ProductTags({
  ids,
  products,
  max = 3,
}: {
  ids: string[];
  products: Map<string, Product>;
  max?: number;
}) {
  const { t } = useTranslation();
  const names = ids.map((id) => products.get(id)?.name ?? '…');
  const shown = names.slice(0, max);
  const rest = names.slice(max);
  return (
    <span>
      {shown.map((name, i) => (
        <Tag key={`${ids[i] ?? i}`} style={{ marginBlock: 2 }}>
          {name}
        </Tag>
      ))}
      {rest.length > 0 ? (
        <Tooltip title={rest.join(t('common.listSeparator'))}>
          <Tag>+{rest.length}</Tag>
        </Tooltip>
      ) : null}
    </span>
  );
}
