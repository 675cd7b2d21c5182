import { Col, Form, Input, InputNumber, Rate, Row, Select, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { relationshipStages, type ChannelCustomer, type ChannelCustomerDetail } from '@keqing/shared';
import { useRemoteOptions, type Option } from '../../../lib/resources.ts';
import { personalityOptions, stageLabel, useLocalized } from '../../accounts/labels.ts';
import {
  distributorTierOptions,
  fenOf,
  kindOptions,
  paymentTermOptions,
  terminalTierOptions,
  yuanOf,
  yuanRule,
} from './labels.tsx';

/** The form's values; money as ¥ text. */
export type CustomerValues = {
  kind: ChannelCustomer['kind'];
  name: string;
  code?: string;
  province: string;
  city: string;
  address?: string;
  distributorTier?: string | null;
  terminalTier?: string | null;
  authorisedCities?: string[];
  authorisedHospitalIds?: string[];
  authorisedCustomerIds?: string[];
  creditLimit?: string;
  paymentTerms?: string | null;
  paymentTermDays?: number | null;
  satisfaction?: number;
  personalityType?: string | null;
  relationshipStage?: number | null;
  notes?: string;
  territoryId?: string;
};

/** The form values of a stored customer. */
export function valuesOf(c: ChannelCustomerDetail): CustomerValues {
  return {
    kind: c.kind,
    name: c.name,
    code: c.code ?? undefined,
    province: c.province,
    city: c.city,
    address: c.address ?? undefined,
    distributorTier: c.distributorTier,
    terminalTier: c.terminalTier,
    authorisedCities: c.authorisedCities,
    authorisedHospitalIds: c.authorisedHospitals.map((h) => h.id),
    authorisedCustomerIds: c.authorisedCustomers.map((h) => h.id),
    creditLimit: yuanOf(c.creditLimitFen),
    paymentTerms: c.paymentTerms,
    paymentTermDays: c.paymentTermDays,
    satisfaction: c.satisfaction ?? 0,
    personalityType: c.personalityType,
    relationshipStage: c.relationshipStage,
    notes: c.notes ?? undefined,
  };
}

/** The API body of the form values (empty texts → null, ¥ → fen). */
export function bodyOf(v: CustomerValues): Record<string, unknown> {
  const text = (s: string | undefined) => (s?.trim() ? s.trim() : null);
  const distributor = v.kind === 'distributor';
  return {
    kind: v.kind,
    name: v.name.trim(),
    code: text(v.code),
    province: v.province.trim(),
    city: v.city.trim(),
    address: text(v.address),
    distributorTier: distributor ? (v.distributorTier ?? null) : null,
    terminalTier: distributor ? null : (v.terminalTier ?? null),
    authorisedCities: v.authorisedCities ?? [],
    authorisedHospitalIds: v.authorisedHospitalIds ?? [],
    authorisedCustomerIds: v.authorisedCustomerIds ?? [],
    creditLimitFen: fenOf(v.creditLimit),
    paymentTerms: v.paymentTerms ?? null,
    paymentTermDays: v.paymentTermDays ?? null,
    satisfaction: v.satisfaction ? v.satisfaction : null,
    personalityType: v.personalityType ?? null,
    relationshipStage: v.relationshipStage ?? null,
    notes: text(v.notes),
  };
}

/** Fields of a channel customer, for the create modal and the detail page's edit form. */
export function CustomerFields({
  form,
  known,
  territories,
  disabled,
}: {
  form: FormInstance<CustomerValues>;
  /** Labels of the stored authorised hospitals / customers */
  known?: { hospitals: Option[]; customers: Option[] };
  /** Create only: the territories the caller may put the customer in */
  territories?: Option[];
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const pick = useLocalized();
  const kind = Form.useWatch('kind', form);
  const hospitals = useRemoteOptions<{ id: string; name: string; city: string }>(
    'hospitals',
    (h) => `${h.name} · ${h.city}`,
    { known: known?.hospitals, pageSize: 30 },
  );
  const customers = useRemoteOptions<ChannelCustomer>('channel-customers', (c) => `${c.name} · ${c.city}`, {
    known: known?.customers,
    pageSize: 30,
  });
  const required = [{ required: true, whitespace: true, message: t('channel.required') }];
  const half = { xs: 24, sm: 12 };

  return (
    <fieldset disabled={disabled} style={{ border: 0, padding: 0, margin: 0 }}>
      <Row gutter={12}>
        <Col {...half}>
          <Form.Item
            name="kind"
            label={t('channel.kind')}
            rules={[{ required: true, message: t('channel.required') }]}
          >
            <Select options={kindOptions(t)} disabled={disabled} data-testid="channel-form-kind" />
          </Form.Item>
        </Col>
        <Col {...half}>
          {kind === 'distributor' ? (
            <Form.Item name="distributorTier" label={t('channel.distributorTier')}>
              <Select allowClear options={distributorTierOptions(t)} disabled={disabled} />
            </Form.Item>
          ) : (
            <Form.Item name="terminalTier" label={t('channel.terminalTier')}>
              <Select
                allowClear
                options={terminalTierOptions(t)}
                disabled={disabled}
                data-testid="channel-form-terminal-tier"
              />
            </Form.Item>
          )}
        </Col>
        <Col {...half}>
          <Form.Item name="name" label={t('channel.name')} rules={required}>
            <Input maxLength={60} data-testid="channel-form-name" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="code" label={t('channel.code')}>
            <Input maxLength={40} data-testid="channel-form-code" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="province" label={t('channel.province')} rules={required}>
            <Input maxLength={20} data-testid="channel-form-province" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="city" label={t('channel.city')} rules={required}>
            <Input maxLength={30} data-testid="channel-form-city" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="address" label={t('channel.address')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        {territories ? (
          <Col span={24}>
            <Form.Item name="territoryId" label={t('channel.territory')} extra={t('channel.territoryHint')}>
              <Select allowClear options={territories} data-testid="channel-form-territory" />
            </Form.Item>
          </Col>
        ) : null}
        <Col span={24}>
          <Form.Item name="authorisedCities" label={t('channel.authorisedCities')}>
            <Select mode="tags" tokenSeparators={[',', '，', ' ']} disabled={disabled} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="authorisedHospitalIds" label={t('channel.authorisedHospitals')}>
            <Select mode="multiple" maxTagCount="responsive" {...hospitals.selectProps} disabled={disabled} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="authorisedCustomerIds" label={t('channel.authorisedCustomers')}>
            <Select mode="multiple" maxTagCount="responsive" {...customers.selectProps} disabled={disabled} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="creditLimit"
            label={t('channel.creditLimit')}
            rules={[yuanRule(t('channel.moneyInvalid'))]}
          >
            <Input prefix="¥" inputMode="decimal" data-testid="channel-form-credit" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="paymentTerms" label={t('channel.paymentTerms')}>
            <Select allowClear options={paymentTermOptions(t)} disabled={disabled} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="paymentTermDays" label={t('channel.paymentTermDays')}>
            <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="personalityType" label={t('channel.personality')}>
            <Select allowClear options={personalityOptions(t)} disabled={disabled} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="relationshipStage" label={t('channel.relationshipStage')}>
            <Select
              allowClear
              options={relationshipStages.map((s) => ({ value: s, label: stageLabel(s, pick) }))}
              disabled={disabled}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="satisfaction" label={t('channel.satisfaction')}>
            <Rate disabled={disabled} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="notes" label={t('channel.notes')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Col>
      </Row>
    </fieldset>
  );
}
