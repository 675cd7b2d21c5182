/**
 * Message keys of the segmentation rules, with their texts, to be merged into the shared i18n catalog
 * (packages/shared/src/i18n.ts `ruleMessages`). Kept here because this package may import nothing of ours;
 * `{name}` placeholders are filled from a problem's `params`. Texts name no field: the UI shows them beside
 * the field the problem's `path` points at, with that field's own localized label.
 */
export const segmentationMessages = {
  'zh-CN': {
    'config.valueMissing': '请填写此项',
    'config.valueNegative': '不能为负数',
    'config.pointsOutOfRange': '分值须在 {min} 到 {max} 之间',
    'config.bandsEmpty': '评分档位至少需要一档',
    'config.bandsFirstNotZero': '第一档须从 0 开始',
    'config.bandsNotAscending': '各档起点须由小到大排列',
    'config.weightNegative': '权重不能为负数',
    'config.weightsNotSummingToOne': '各项权重之和须为 1（当前为 {sum}）',
    'config.thresholdsNotDescending': 'A 级分数线须高于 B 级分数线',
    'config.scaleInvalid': '刻度须为从 0 或以上开始的整数，最大值大于最小值，且不超过 {maxSteps} 档',
    'hospitalGrade.factorMissing': '缺少数据，该项按 0 分计',
    'hospitalGrade.factorInvalid': '数据无效，该项按 0 分计',
    'score.statusOutOfRange': '处方现状须为 {min} 到 {max} 之间的整数',
    'score.statusNegativeWhenListed': '该产品已在本院进药，处方现状应在 0 到 4 之间',
    'score.statusPositiveWhenUnlisted': '该产品尚未在本院进药，处方现状应在 -4 到 -1 之间',
    'score.potentialOutOfRange': '处方潜力须为 {min} 到 {max} 之间的整数',
    'potential.reasonPatientVolume': '每周相关患者约 {count} 人',
    'potential.reasonTitle': '职称：{title}',
    'potential.reasonDepartmentPrimary': '所在科室是产品的主要目标科室',
    'potential.reasonDepartmentSecondary': '所在科室是产品的相关科室',
    'potential.reasonDepartmentOther': '所在科室不是产品的目标科室',
    'potential.reasonKolNone': '不是 KOL',
    'potential.reasonKolHospital': '在本院有学术影响力',
    'potential.reasonKolRegional': '在本地区有学术影响力',
    'potential.reasonKolNational': '在全国有学术影响力',
    'potential.unknownPatientVolume': '患者量未知，未计入建议',
    'potential.unknownTitle': '职称未知，未计入建议',
    'potential.unknownDepartment': '科室类别未知，未计入建议',
    'potential.unknownKolInfluence': 'KOL 影响力未知，未计入建议',
    'doctorGrade.gradesInvalid': '级别须至少一个，且名称不能为空或重复',
    'doctorGrade.cellMissing': '潜力 {potential}、现状 {status} 的格子还没有指定级别',
    'doctorGrade.cellUnknownGrade': '潜力 {potential}、现状 {status} 的级别“{grade}”不在级别列表中',
    'doctorGrade.cellOutsideScale': '潜力 {potential} 这一行（或其中的格子）超出了评分刻度，请删除',
    'doctorGrade.frequencyInvalid': '{grade} 级的拜访频率须为 1 到 {max} 之间的整数（每 4 周）',
    'doctorGrade.frequencyOrder': '{worse} 级的拜访频率不能高于 {better} 级',
    'highPotential.minPotentialOutOfScale': '潜力下限须为 {min} 到 {max} 之间的整数',
    'ladder.stepOutOfRange': '接纳度阶梯须为 {min} 到 {max} 之间的整数',
    'relationship.stageOutOfRange': '客户关系阶段须为 {min} 到 {max} 之间的整数',
    'relationship.unchanged': '新阶段与当前阶段相同',
    'relationship.reasonRequired': '调整客户关系阶段须说明依据',
    'relationship.reasonTooLong': '依据说明不能超过 {max} 个字，详细情况请记在拜访记录中',
    'keyAccount.shareOutOfRange': '重点客户比例须大于 0 且不超过 1',
    'keyAccount.valueInvalid': '客户价值须为不小于 0 的数',
    'kol.valueUnknown': '不是可选的值',
    'kol.typeRequired': '请至少选择一种 KOL 类型',
    'kol.cadenceRequired': '进入“定期联系”后须设定联系频率',
    'kol.lockInBeforeStep': '只有到“锁定”步骤才能设定锁定角色',
    'kol.dateInvalid': '日期格式须为 YYYY-MM-DD',
  },
  en: {
    'config.valueMissing': 'Please fill this in',
    'config.valueNegative': 'Must not be negative',
    'config.pointsOutOfRange': 'Points must be between {min} and {max}',
    'config.bandsEmpty': 'A scoring table needs at least one row',
    'config.bandsFirstNotZero': 'The first row must start at 0',
    'config.bandsNotAscending': 'Rows must start at increasing values',
    'config.weightNegative': 'A weight must not be negative',
    'config.weightsNotSummingToOne': 'The weights must add up to 1 (now {sum})',
    'config.thresholdsNotDescending': 'The A threshold must be above the B threshold',
    'config.scaleInvalid':
      'The scale must be whole numbers from 0 up, with the maximum above the minimum and at most {maxSteps} steps',
    'hospitalGrade.factorMissing': 'No data; this factor scores 0',
    'hospitalGrade.factorInvalid': 'Invalid data; this factor scores 0',
    'score.statusOutOfRange': 'Prescription status must be a whole number from {min} to {max}',
    'score.statusNegativeWhenListed':
      'The product is listed at this hospital, so the status must be between 0 and 4',
    'score.statusPositiveWhenUnlisted':
      'The product is not listed at this hospital yet, so the status must be between -4 and -1',
    'score.potentialOutOfRange': 'Prescription potential must be a whole number from {min} to {max}',
    'potential.reasonPatientVolume': 'About {count} relevant patients a week',
    'potential.reasonTitle': 'Title: {title}',
    'potential.reasonDepartmentPrimary': "Works in the product's primary target department",
    'potential.reasonDepartmentSecondary': 'Works in a department related to the product',
    'potential.reasonDepartmentOther': 'Works outside the target departments',
    'potential.reasonKolNone': 'Not a KOL',
    'potential.reasonKolHospital': 'Academic influence within the hospital',
    'potential.reasonKolRegional': 'Academic influence in the region',
    'potential.reasonKolNational': 'Academic influence nationwide',
    'potential.unknownPatientVolume': 'Patient volume unknown; left out of the suggestion',
    'potential.unknownTitle': 'Title unknown; left out of the suggestion',
    'potential.unknownDepartment': 'Department type unknown; left out of the suggestion',
    'potential.unknownKolInfluence': 'KOL influence unknown; left out of the suggestion',
    'doctorGrade.gradesInvalid': 'There must be at least one grade, with no empty or repeated names',
    'doctorGrade.cellMissing': 'Potential {potential}, status {status} has no grade yet',
    'doctorGrade.cellUnknownGrade':
      'Potential {potential}, status {status}: grade "{grade}" is not in the list',
    'doctorGrade.cellOutsideScale':
      'Row potential {potential} (or a cell in it) lies outside the scales; remove it',
    'doctorGrade.frequencyInvalid':
      'Calls for grade {grade} must be a whole number from 1 to {max} per 4 weeks',
    'doctorGrade.frequencyOrder': 'Grade {worse} must not get more calls than grade {better}',
    'highPotential.minPotentialOutOfScale':
      'The potential threshold must be a whole number from {min} to {max}',
    'ladder.stepOutOfRange': 'The adoption step must be a whole number from {min} to {max}',
    'relationship.stageOutOfRange': 'The relationship stage must be a whole number from {min} to {max}',
    'relationship.unchanged': 'The new stage is the same as the current one',
    'relationship.reasonRequired': 'Changing the relationship stage needs the evidence behind it',
    'relationship.reasonTooLong': 'The reason must be at most {max} characters; put details in a call record',
    'keyAccount.shareOutOfRange': 'The key-account share must be above 0 and at most 1',
    'keyAccount.valueInvalid': 'An account value must be a number of at least 0',
    'kol.valueUnknown': 'Not one of the allowed values',
    'kol.typeRequired': 'Choose at least one KOL type',
    'kol.cadenceRequired': 'Set a contact cadence once the KOL is in regular contact',
    'kol.lockInBeforeStep': 'Lock-in roles can only be set at the lock-in step',
    'kol.dateInvalid': 'Dates must be YYYY-MM-DD',
  },
} as const satisfies Record<SegmentationLocale, Record<string, string>>;

export type SegmentationLocale = 'zh-CN' | 'en';

export type SegmentationMessageKey = keyof (typeof segmentationMessages)['zh-CN'];

/** Every key the segmentation rules use, for the catalog merge and its completeness test. */
export const segmentationMessageKeys = Object.keys(segmentationMessages['zh-CN']) as SegmentationMessageKey[];

/** A label in both UI languages. */
export type LocalizedText = Record<SegmentationLocale, string>;

/** A rule violation: a message key for the catalog, the field it concerns and the values its text needs. */
export type SegmentationProblem = {
  key: SegmentationMessageKey;
  /** Dotted path of the offending field in the checked object (`weights.size`, `bedBands[2].from`). */
  path?: string;
  params?: Record<string, string | number>;
};

/** The result of checking one value: ok (with whatever the check learned), or the first problem found. */
export type CheckResult<T extends object = object> =
  ({ ok: true } & T) | { ok: false; error: SegmentationProblem };

// The compiler refuses an English catalog that lacks a Chinese key.
const _englishCoversEveryKey: Record<SegmentationMessageKey, string> = segmentationMessages.en;
