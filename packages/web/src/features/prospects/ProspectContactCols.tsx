import { Col, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

/** Where the prospect is and whom to speak to: the same four fields in the new-prospect form and the editor (inside a Row). */
export function ProspectContactCols() {
  const { t } = useTranslation();
  return (
    <>
      <Col xs={24} sm={8}>
        <Form.Item name="city" label={t('prospects.city')}>
          <Input maxLength={30} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={16}>
        <Form.Item name="address" label={t('prospects.address')}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="contactName" label={t('prospects.contactName')}>
          <Input maxLength={30} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="contactPhone" label={t('prospects.contactPhone')}>
          <Input maxLength={30} inputMode="tel" />
        </Form.Item>
      </Col>
    </>
  );
}
