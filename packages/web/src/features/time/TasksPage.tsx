import '../../lib/locales/time.ts';
import { useState } from 'react';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Col,
  Collapse,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Skeleton,
  Switch,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  filterQuestions,
  filterVerdict,
  quadrantOf,
  quadrants,
  type FilterAnswers,
  type FilterQuestion,
  type Quadrant,
} from '@keqing/shared';
import { PageHeader } from '../../app/PageHeader.tsx';
import { errorText } from '../../lib/api.ts';
import { dateFormat, formatDate } from '../../lib/format.ts';
import { useFormErrorHandler } from '../../lib/form-errors.ts';
import { RepPicker, useRepParam } from './RepPicker.tsx';
import { useCreateTask, useTaskMatrix, useUpdateTask, type Task, type TaskMatrix } from './time.api.ts';

const quadrantColors: Record<Quadrant, string> = { A: '#cf1322', B: '#1677ff', C: '#fa8c16', D: '#8c8c8c' };

function TaskRow({ task, editable }: { task: Task; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const update = useUpdateTask();
  const close = (status: 'done' | 'dropped') =>
    update.mutate(
      { id: task.id, version: task.version, status },
      {
        onSuccess: () => void message.success(t(status === 'done' ? 'time.doneOk' : 'time.dropOk')),
        onError: (e) => void message.error(errorText(e)),
      },
    );
  return (
    <Flex justify="space-between" align="center" gap={8} wrap data-testid="matrix-task">
      <div style={{ minWidth: 0 }}>
        <Typography.Text strong>{task.title}</Typography.Text>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {task.dueDate ? t('time.due', { date: formatDate(task.dueDate) }) : t('time.noDue')}
            {task.estimatedMinutes ? ` · ${t('time.estimate', { minutes: task.estimatedMinutes })}` : ''}
            {task.filterAdvice ? ` · ${t(`time.advice.${task.filterAdvice}`)}` : ''}
          </Typography.Text>
        </div>
      </div>
      {editable ? (
        <Flex gap={4}>
          <Button size="small" type="primary" ghost loading={update.isPending} onClick={() => close('done')}>
            {t('time.done')}
          </Button>
          <Button size="small" loading={update.isPending} onClick={() => close('dropped')}>
            {t('time.drop')}
          </Button>
        </Flex>
      ) : null}
    </Flex>
  );
}

const careKindKeys = { birthday: 1, workAnniversary: 1, familyEvent: 1, other: 1 };
type CareKind = keyof typeof careKindKeys;

function DerivedRow({ item }: { item: TaskMatrix['quadrants'][number]['derived'][number] }) {
  const { t } = useTranslation();
  const careKind = item.careKind && item.careKind in careKindKeys ? (item.careKind as CareKind) : null;
  return (
    <Flex justify="space-between" align="center" gap={8} wrap data-testid={`matrix-derived-${item.source}`}>
      <div style={{ minWidth: 0 }}>
        <Tag color={item.source === 'followUp' ? 'purple' : 'magenta'}>{t(`time.source.${item.source}`)}</Tag>
        <Link to={item.link}>{item.title}</Link>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('time.due', { date: formatDate(item.dueDate) })}
            {careKind ? ` · ${t(`time.careKind.${careKind}`)}` : ''}
          </Typography.Text>
        </div>
      </div>
      {item.overdue ? <Tag color="error">{t('time.overdue')}</Tag> : null}
    </Flex>
  );
}

function QuadrantCard({ q, editable }: { q: TaskMatrix['quadrants'][number]; editable: boolean }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      style={{ height: '100%', borderTop: `3px solid ${quadrantColors[q.quadrant]}` }}
      // a busy quadrant scrolls inside its card, so all four stay in view
      styles={{ body: { maxHeight: 420, overflowY: 'auto' } }}
      title={
        <Flex gap={8} align="center">
          <span>{t(`time.quadrant.${q.quadrant}`)}</span>
          <Badge
            count={q.count}
            showZero
            color={quadrantColors[q.quadrant]}
            data-testid={`quadrant-count-${q.quadrant}`}
          />
        </Flex>
      }
      extra={<Typography.Text type="secondary">{t(`time.quadrantHint.${q.quadrant}`)}</Typography.Text>}
      data-testid={`quadrant-${q.quadrant}`}
    >
      {q.count === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('time.empty')} />
      ) : (
        <Flex vertical gap={10}>
          {q.tasks.map((task) => (
            <TaskRow key={task.id} task={task} editable={editable} />
          ))}
          {q.derived.map((d) => (
            <DerivedRow key={`${d.source}-${d.id}-${d.dueDate}`} item={d} />
          ))}
        </Flex>
      )}
    </Card>
  );
}

type AddValues = {
  title: string;
  important: boolean;
  urgent: boolean;
  dueDate?: Dayjs | null;
  estimatedMinutes?: number | null;
  notes?: string;
  filter?: Partial<Record<FilterQuestion, 'yes' | 'no' | 'skip'>>;
};

const answersOf = (filter: AddValues['filter']): FilterAnswers => {
  const answers: FilterAnswers = {};
  for (const q of filterQuestions) {
    const a = filter?.[q];
    if (a === 'yes' || a === 'no') answers[q] = a === 'yes';
  }
  return answers;
};

/** 快速添加: title, the two switches, due date, estimate; the five filter questions folded away. */
function QuickAdd() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AddValues>();
  const create = useCreateTask();
  const onError = useFormErrorHandler();
  const filter = Form.useWatch('filter', form);
  const verdict = filterVerdict(answersOf(filter));
  // a resend of the same form (network retry) keeps its clientId; a new task gets a new one
  const [clientId, setClientId] = useState(() => crypto.randomUUID());

  const submit = (v: AddValues) => {
    const answers = answersOf(v.filter);
    create.mutate(
      {
        clientId,
        title: v.title,
        important: v.important,
        urgent: v.urgent,
        dueDate: v.dueDate ? v.dueDate.format(dateFormat) : null,
        estimatedMinutes: v.estimatedMinutes ?? null,
        notes: v.notes?.trim() ? v.notes : null,
        filterAnswers: Object.keys(answers).length ? answers : null,
      },
      {
        onSuccess: (task) => {
          void message.success(t('time.add.added', { quadrant: t(`time.quadrant.${task.quadrant}`) }));
          form.resetFields();
          setClientId(crypto.randomUUID());
        },
        onError: (e) => onError(form, e),
      },
    );
  };

  return (
    <Card size="small" title={t('time.add.title')} data-testid="task-quick-add">
      <Form<AddValues>
        form={form}
        layout="vertical"
        initialValues={{ important: true, urgent: false }}
        onFinish={submit}
      >
        <Form.Item
          name="title"
          label={t('time.add.taskTitle')}
          rules={[{ required: true, whitespace: true, max: 200 }]}
        >
          <Input placeholder={t('time.add.taskTitlePlaceholder')} maxLength={200} data-testid="task-title" />
        </Form.Item>
        <Flex wrap gap={16} align="flex-end">
          <Form.Item name="important" label={t('time.add.important')} valuePropName="checked">
            <Switch data-testid="task-important" />
          </Form.Item>
          <Form.Item name="urgent" label={t('time.add.urgent')} valuePropName="checked">
            <Switch data-testid="task-urgent" />
          </Form.Item>
          <Form.Item name="dueDate" label={t('time.add.dueDate')}>
            <DatePicker style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="estimatedMinutes" label={t('time.add.estimate')}>
            <InputNumber min={1} max={720} precision={0} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="notes" label={t('time.add.notes')} style={{ flex: '1 1 220px' }}>
            <Input maxLength={2000} />
          </Form.Item>
          <Form.Item shouldUpdate noStyle>
            {() => {
              const v = form.getFieldsValue(['important', 'urgent']) as {
                important?: boolean;
                urgent?: boolean;
              };
              const q = quadrantOf(!!v.important, !!v.urgent);
              return (
                <Form.Item label=" ">
                  <Tag color={quadrantColors[q]} data-testid="task-quadrant-preview">
                    {t(`time.quadrant.${q}`)}
                  </Tag>
                </Form.Item>
              );
            }}
          </Form.Item>
        </Flex>
        <Collapse
          size="small"
          style={{ marginBottom: 12 }}
          items={[
            {
              key: 'filter',
              label: <span data-testid="task-filter-toggle">{t('time.add.filter')}</span>,
              children: (
                <>
                  <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
                    {t('time.add.filterHint')}
                  </Typography.Paragraph>
                  {filterQuestions.map((q) => (
                    <Flex
                      key={q}
                      wrap
                      gap={8}
                      align="center"
                      justify="space-between"
                      style={{ marginBottom: 8 }}
                    >
                      <span>{t(`time.filter.${q}`)}</span>
                      <Form.Item name={['filter', q]} noStyle>
                        <Radio.Group
                          optionType="button"
                          size="small"
                          data-testid={`task-filter-${q}`}
                          options={[
                            { value: 'yes', label: t('time.answer.yes') },
                            { value: 'no', label: t('time.answer.no') },
                            { value: 'skip', label: t('time.answer.skip') },
                          ]}
                        />
                      </Form.Item>
                    </Flex>
                  ))}
                  {verdict.advice !== 'none' ? (
                    <Alert
                      type={
                        verdict.advice === 'drop' ? 'warning' : verdict.advice === 'keep' ? 'success' : 'info'
                      }
                      showIcon
                      title={t(`time.advice.${verdict.advice}`)}
                      description={verdict.suggestImportant ? t('time.add.suggestImportant') : undefined}
                      data-testid="task-filter-advice"
                    />
                  ) : null}
                </>
              ),
            },
          ]}
        />
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="task-submit">
          {t('time.add.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** 时间管理矩阵: the four quadrants with open tasks, follow-ups 跟进 and care dates 关怀, and a quick add. */
export default function TasksPage() {
  const { t } = useTranslation();
  const repId = useRepParam();
  const own = !repId;
  const matrix = useTaskMatrix(repId);

  return (
    <div>
      <PageHeader
        title={t('time.tasksTitle')}
        subTitle={t('time.tasksHint')}
        extra={
          <>
            <RepPicker testId="tasks-rep-picker" />
            <Link to={repId ? `/tasks/review?rep=${repId}` : '/tasks/review'} data-testid="to-time-review">
              <Button>{t('time.toReview')}</Button>
            </Link>
          </>
        }
      />
      {own ? (
        <div style={{ marginBottom: 16 }}>
          <QuickAdd />
        </div>
      ) : null}
      {matrix.error ? (
        <Alert type="error" showIcon title={t('time.loadFailed', { error: errorText(matrix.error) })} />
      ) : !matrix.data ? (
        <Skeleton active />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {t('time.urgentRule', { days: matrix.data.urgentWithinDays })}
          </Typography.Paragraph>
          <Row gutter={[12, 12]} data-testid="task-matrix">
            {quadrants.map((q) => (
              <Col key={q} xs={24} md={12}>
                <QuadrantCard q={matrix.data.quadrants.find((x) => x.quadrant === q)!} editable={own} />
              </Col>
            ))}
          </Row>
        </>
      )}
    </div>
  );
}
