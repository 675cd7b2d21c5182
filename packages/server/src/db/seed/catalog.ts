/**
 * Static material for the demo company: geography, people's names, departments,
 * products and channel names. Places are real; companies, brands, streets of
 * pharmacies and clinics are invented.
 */

/** Space-separated word lists keep the catalogue compact: words('上城区 拱墅区') → ['上城区', '拱墅区']. */
function words(list: string): readonly string[] {
  return list.split(/\s+/).filter(Boolean);
}

export type University = {
  /** e.g. 浙江大学医学院 */
  prefix: string;
  /** 'fu': 附属第一医院 style; 'di': 第一附属医院 style */
  style: 'fu' | 'di';
  /** for aliases: 昆医 → 昆医附一院; with aliasStyle 'n': 浙 → 浙一医院 */
  short: string;
  aliasStyle?: 'n';
  /** how many affiliated hospitals to draw from */
  count: number;
};

export type City = {
  /** full name as stored in hospitals.city: 杭州市 */
  name: string;
  /** 杭州 — used in hospital names (杭州市第一人民医院) */
  short: string;
  /** Approximate WGS-84 centre [latitude, longitude]; hospitals are placed within ~12 km of it */
  centre: readonly [number, number];
  /** relative share of the area's accounts */
  weight: number;
  /** districts and county-level cities; the first ones are the central ones */
  districts: readonly string[];
  universities: readonly University[];
};

export type AreaInfo = {
  /** 地区 */
  name: string;
  /** 上海 — team names are short + 一组 */
  short: string;
  /** territory codes: T-SH1-01 */
  code: string;
  /** 大区 */
  region: string;
  /** full name as stored in hospitals.province: 浙江省, 上海市 */
  province: string;
  provinceShort: string;
  /** 直辖市: province and city are the same and there are no 省级 hospitals */
  municipality: boolean;
  /** no 乡镇卫生院 (fully urban) */
  urban: boolean;
  cities: readonly City[];
};

/** Ordered: scale 1 uses the first six (the demo company); larger scales add the rest. */
export const areaCatalog: readonly AreaInfo[] = [
  {
    name: '上海地区',
    short: '上海',
    code: 'SH',
    region: '华东大区',
    province: '上海市',
    provinceShort: '上海',
    municipality: true,
    urban: true,
    cities: [
      {
        name: '上海市',
        short: '上海',
        centre: [31.2304, 121.4737],
        weight: 1,
        districts: words(
          '黄浦区 徐汇区 静安区 长宁区 普陀区 虹口区 杨浦区 浦东新区 闵行区 宝山区 嘉定区 松江区',
        ),
        universities: [
          { prefix: '复旦大学', style: 'fu', short: '复旦', count: 3 },
          { prefix: '上海交通大学医学院', style: 'fu', short: '交大', count: 3 },
        ],
      },
    ],
  },
  {
    name: '浙江地区',
    short: '浙江',
    code: 'ZJ',
    region: '华东大区',
    province: '浙江省',
    provinceShort: '浙江',
    municipality: false,
    urban: false,
    cities: [
      {
        name: '杭州市',
        short: '杭州',
        centre: [30.2741, 120.1551],
        weight: 0.6,
        districts: words('上城区 拱墅区 西湖区 滨江区 萧山区 余杭区 临平区 富阳区 桐庐县 建德市'),
        universities: [
          { prefix: '浙江大学医学院', style: 'fu', short: '浙', aliasStyle: 'n', count: 4 },
          { prefix: '浙江中医药大学', style: 'di', short: '浙中医', count: 2 },
        ],
      },
      {
        name: '宁波市',
        short: '宁波',
        centre: [29.8683, 121.544],
        weight: 0.4,
        districts: ['海曙区', '江北区', '鄞州区', '北仑区', '镇海区', '奉化区', '余姚市', '慈溪市', '宁海县'],
        universities: [{ prefix: '宁波大学', style: 'fu', short: '宁大', count: 2 }],
      },
    ],
  },
  {
    name: '江苏地区',
    short: '江苏',
    code: 'JS',
    region: '华东大区',
    province: '江苏省',
    provinceShort: '江苏',
    municipality: false,
    urban: false,
    cities: [
      {
        name: '南京市',
        short: '南京',
        centre: [32.0603, 118.7969],
        weight: 0.55,
        districts: words('玄武区 秦淮区 鼓楼区 建邺区 栖霞区 雨花台区 江宁区 浦口区 六合区 溧水区'),
        universities: [
          { prefix: '南京医科大学', style: 'di', short: '南医', count: 2 },
          { prefix: '东南大学', style: 'fu', short: '东大', count: 1 },
        ],
      },
      {
        name: '苏州市',
        short: '苏州',
        centre: [31.299, 120.5853],
        weight: 0.45,
        districts: words('姑苏区 虎丘区 吴中区 相城区 吴江区 昆山市 常熟市 张家港市 太仓市'),
        universities: [{ prefix: '苏州大学', style: 'fu', short: '苏大', count: 2 }],
      },
    ],
  },
  {
    name: '云南地区',
    short: '云南',
    code: 'YN',
    region: '西南大区',
    province: '云南省',
    provinceShort: '云南',
    municipality: false,
    urban: false,
    cities: [
      {
        name: '昆明市',
        short: '昆明',
        centre: [25.0389, 102.7183],
        weight: 1,
        districts: words('五华区 盘龙区 官渡区 西山区 呈贡区 晋宁区 安宁市 嵩明县 宜良县 富民县'),
        universities: [
          { prefix: '昆明医科大学', style: 'di', short: '昆医', count: 3 },
          { prefix: '云南中医药大学', style: 'di', short: '云中医', count: 1 },
        ],
      },
    ],
  },
  {
    name: '四川地区',
    short: '四川',
    code: 'SC',
    region: '西南大区',
    province: '四川省',
    provinceShort: '四川',
    municipality: false,
    urban: false,
    cities: [
      {
        name: '成都市',
        short: '成都',
        centre: [30.5728, 104.0668],
        weight: 1,
        districts: words(
          '锦江区 青羊区 金牛区 武侯区 成华区 龙泉驿区 双流区 郫都区 温江区 新都区 彭州市 金堂县',
        ),
        universities: [
          { prefix: '成都中医药大学', style: 'fu', short: '成中医', count: 1 },
          { prefix: '成都医学院', style: 'di', short: '成医', count: 2 },
        ],
      },
    ],
  },
  {
    name: '重庆地区',
    short: '重庆',
    code: 'CQ',
    region: '西南大区',
    province: '重庆市',
    provinceShort: '重庆',
    municipality: true,
    urban: false,
    cities: [
      {
        name: '重庆市',
        short: '重庆',
        centre: [29.563, 106.5516],
        weight: 1,
        districts: words(
          '渝中区 江北区 南岸区 沙坪坝区 九龙坡区 渝北区 巴南区 北碚区 万州区 涪陵区 永川区 合川区',
        ),
        universities: [{ prefix: '重庆医科大学', style: 'fu', short: '重医', count: 3 }],
      },
    ],
  },
  {
    name: '北京地区',
    short: '北京',
    code: 'BJ',
    region: '华北大区',
    province: '北京市',
    provinceShort: '北京',
    municipality: true,
    urban: true,
    cities: [
      {
        name: '北京市',
        short: '北京',
        centre: [39.9042, 116.4074],
        weight: 1,
        districts: words('东城区 西城区 朝阳区 海淀区 丰台区 石景山区 通州区 昌平区 大兴区 顺义区'),
        universities: [{ prefix: '首都医科大学', style: 'fu', short: '首医', count: 3 }],
      },
    ],
  },
  {
    name: '广东地区',
    short: '广东',
    code: 'GD',
    region: '华南大区',
    province: '广东省',
    provinceShort: '广东',
    municipality: false,
    urban: false,
    cities: [
      {
        name: '广州市',
        short: '广州',
        centre: [23.1291, 113.2644],
        weight: 0.55,
        districts: words('越秀区 海珠区 荔湾区 天河区 白云区 黄埔区 番禺区 花都区 增城区 从化区'),
        universities: [
          { prefix: '中山大学', style: 'fu', short: '中大', count: 3 },
          { prefix: '广州医科大学', style: 'fu', short: '广医', count: 2 },
        ],
      },
      {
        name: '深圳市',
        short: '深圳',
        centre: [22.5431, 114.0579],
        weight: 0.45,
        districts: ['福田区', '罗湖区', '南山区', '宝安区', '龙岗区', '龙华区', '盐田区', '坪山区', '光明区'],
        universities: [{ prefix: '深圳大学', style: 'fu', short: '深大', count: 2 }],
      },
    ],
  },
  {
    name: '湖北地区',
    short: '湖北',
    code: 'HB',
    region: '华中大区',
    province: '湖北省',
    provinceShort: '湖北',
    municipality: false,
    urban: false,
    cities: [
      {
        name: '武汉市',
        short: '武汉',
        centre: [30.5928, 114.3055],
        weight: 1,
        districts: words('江岸区 江汉区 硚口区 汉阳区 武昌区 青山区 洪山区 东西湖区 蔡甸区 江夏区'),
        universities: [{ prefix: '武汉大学', style: 'di', short: '武大', count: 2 }],
      },
    ],
  },
  {
    name: '山东地区',
    short: '山东',
    code: 'SD',
    region: '华东大区',
    province: '山东省',
    provinceShort: '山东',
    municipality: false,
    urban: false,
    cities: [
      {
        name: '济南市',
        short: '济南',
        centre: [36.6512, 117.1201],
        weight: 0.5,
        districts: ['历下区', '市中区', '槐荫区', '天桥区', '历城区', '长清区', '章丘区', '济阳区'],
        universities: [{ prefix: '山东第一医科大学', style: 'di', short: '山一医', count: 2 }],
      },
      {
        name: '青岛市',
        short: '青岛',
        centre: [36.0671, 120.3826],
        weight: 0.5,
        districts: ['市南区', '市北区', '李沧区', '崂山区', '黄岛区', '城阳区', '即墨区', '胶州市', '平度市'],
        universities: [{ prefix: '青岛大学', style: 'fu', short: '青大', count: 2 }],
      },
    ],
  },
  {
    name: '天津地区',
    short: '天津',
    code: 'TJ',
    region: '华北大区',
    province: '天津市',
    provinceShort: '天津',
    municipality: true,
    urban: true,
    cities: [
      {
        name: '天津市',
        short: '天津',
        centre: [39.0842, 117.201],
        weight: 1,
        districts: words('和平区 河东区 河西区 南开区 河北区 红桥区 东丽区 西青区 津南区 滨海新区'),
        universities: [{ prefix: '天津医科大学', style: 'di', short: '天医', count: 2 }],
      },
    ],
  },
  {
    name: '湖南地区',
    short: '湖南',
    code: 'HN',
    region: '华中大区',
    province: '湖南省',
    provinceShort: '湖南',
    municipality: false,
    urban: false,
    cities: [
      {
        name: '长沙市',
        short: '长沙',
        centre: [28.2282, 112.9388],
        weight: 1,
        districts: ['芙蓉区', '天心区', '岳麓区', '开福区', '雨花区', '望城区', '长沙县', '浏阳市', '宁乡市'],
        universities: [{ prefix: '中南大学湘雅', style: 'di', short: '湘雅', count: 3 }],
      },
    ],
  },
  {
    name: '福建地区',
    short: '福建',
    code: 'FJ',
    region: '华南大区',
    province: '福建省',
    provinceShort: '福建',
    municipality: false,
    urban: false,
    cities: [
      {
        name: '福州市',
        short: '福州',
        centre: [26.0745, 119.2965],
        weight: 0.55,
        districts: ['鼓楼区', '台江区', '仓山区', '晋安区', '马尾区', '长乐区', '闽侯县', '福清市'],
        universities: [{ prefix: '福建医科大学', style: 'fu', short: '福医', count: 2 }],
      },
      {
        name: '厦门市',
        short: '厦门',
        centre: [24.4798, 118.0894],
        weight: 0.45,
        districts: ['思明区', '湖里区', '集美区', '海沧区', '同安区', '翔安区'],
        universities: [{ prefix: '厦门大学', style: 'fu', short: '厦大', count: 2 }],
      },
    ],
  },
  {
    name: '陕西地区',
    short: '陕西',
    code: 'SN',
    region: '西北大区',
    province: '陕西省',
    provinceShort: '陕西',
    municipality: false,
    urban: false,
    cities: [
      {
        name: '西安市',
        short: '西安',
        centre: [34.3416, 108.9398],
        weight: 1,
        districts: ['新城区', '碑林区', '莲湖区', '雁塔区', '未央区', '灞桥区', '长安区', '临潼区', '鄠邑区'],
        universities: [{ prefix: '西安交通大学', style: 'di', short: '西交大', count: 2 }],
      },
    ],
  },
  {
    name: '河北地区',
    short: '河北',
    code: 'HE',
    region: '华北大区',
    province: '河北省',
    provinceShort: '河北',
    municipality: false,
    urban: false,
    cities: [
      {
        name: '石家庄市',
        short: '石家庄',
        centre: [38.0428, 114.5149],
        weight: 0.6,
        districts: ['长安区', '桥西区', '新华区', '裕华区', '藁城区', '鹿泉区', '栾城区', '正定县', '辛集市'],
        universities: [{ prefix: '河北医科大学', style: 'di', short: '河北医大', count: 3 }],
      },
      {
        name: '唐山市',
        short: '唐山',
        centre: [39.6309, 118.1802],
        weight: 0.4,
        districts: words('路南区 路北区 古冶区 开平区 丰南区 丰润区 曹妃甸区 迁安市 遵化市'),
        universities: [{ prefix: '华北理工大学', style: 'fu', short: '华北理工', count: 1 }],
      },
    ],
  },
];

/** Invented street / neighbourhood names: 街道, roads, shop branches. */
export const streetNames = words(
  '新华 长安 人民 解放 建设 和平 光明 城南 城北 城东 城西 江南 湖滨 北站 南湖 东湖 文化 翠苑 朝晖 望江 清波 凯旋 花园 振兴 胜利 红旗 前进 幸福 阳光 金桥 新村 白鹭 滨江 桃源 龙泉 青山 松林 梅园 桂花 丰收 团结 向阳 天宁 锦绣 明珠 双桥 枫林 春晖',
);

/** Invented town names for 乡镇卫生院 and 中心卫生院. */
export const townNames = words(
  '东坪 石桥 河口 双溪 新桥 马鞍 白沙 黄龙 青龙 太平 永安 安乐 高桥 梅林 三江 大石 五里 柳塘 桥头 沙湾 金鸡 龙门 杨柳 古城 平安 兴隆 长乐 凤凰 石门 花桥 清溪 万寿',
);

export const roadSuffixes = ['路', '路', '路', '大道', '街', '东路', '西路', '南路', '北路', '中路'] as const;

/** Common surnames, roughly in order of frequency (weights fall with the index). */
export const surnames = words(
  '王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 林 高 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 董 潘 袁 蔡 蒋 余 于 杜 叶 程 魏 苏 吕 丁 任 卢 姚 沈 钟 姜 崔 谭 陆 范 汪 廖 石 金 韦 贾 夏 付 方 邹 熊 白 孟 秦 邱 侯 江 尹 薛 闫 段 雷 龙 黎 史 陶 贺 毛 郝 顾 龚 邵 万 覃 武 钱 戴 严',
);
export const compoundSurnames = ['欧阳', '司马', '上官', '诸葛', '东方'] as const;

export const maleGivenChars = words(
  '伟 强 磊 军 勇 杰 涛 斌 超 明 刚 平 辉 鹏 华 飞 鑫 波 宇 浩 凯 健 俊 帆 旭 宁 龙 林 建 国 志 海 东 振 晨 阳 峰 毅 锋 翔 坤 亮 彬 铭 睿 哲 昊 成',
);
export const femaleGivenChars = words(
  '芳 娜 敏 静 丽 艳 娟 霞 燕 玲 婷 雪 慧 琳 颖 倩 洁 萍 红 梅 莉 蓉 佳 欣 悦 晶 薇 瑶 琴 月 露 丹 岚 妍 怡 璐 菲 雯 琪 媛',
);
/** First characters of two-character given names, used for both genders. */
export const sharedGivenChars = words(
  '晓 文 子 思 嘉 雨 一 天 春 秋 立 永 建 学 志 海 新 家 俊 佳 宏 少 德 明 云 小 瑞 梓 世 光',
);

/** Demo managers of the six scale-1 teams, in team order. */
export const managerNames = [
  { name: '张伟', gender: '男' },
  { name: '王芳', gender: '女' },
  { name: '李强', gender: '男' },
  { name: '刘敏', gender: '女' },
  { name: '陈杰', gender: '男' },
  { name: '杨静', gender: '女' },
] as const;

// ── Departments 科室 ─────────────────────────────────────────────────────────

export const PHARMACY_DEPARTMENT = '药剂科';

/**
 * Clinical departments in order of relevance to the products (target
 * departments first); a hospital lists the first few and 药剂科.
 */
export const departmentsByKind = {
  general: words(
    '心内科 内分泌科 呼吸内科 肿瘤科 消化内科 神经内科 感染科 普外科 急诊科 肾内科 老年医学科 骨科 妇产科 儿科',
  ),
  tcm: words('心血管科 内分泌科 肺病科 肿瘤科 脾胃病科 脑病科 针灸科 急诊科 肾病科 治未病中心'),
  integrated: words('心内科 内分泌科 呼吸内科 肿瘤科 中医科 消化内科 神经内科 急诊科 普外科 康复医学科'),
  oncology: words('肿瘤内科 胸外科 放疗科 乳腺外科 胃肠外科 血液肿瘤科 介入科 呼吸内科 妇瘤科'),
  infectious: ['感染科', '肝病科', '结核科', '呼吸内科', '重症医学科', '急诊科', '消化内科'],
  children: ['儿科', '新生儿科', '小儿呼吸科', '小儿消化科', '小儿神经科', '儿童保健科', '急诊科'],
  maternal: ['妇科', '产科', '儿科', '新生儿科', '乳腺科', '儿童保健科', '内分泌科'],
  primary: ['全科医学科', '内科', '中医科', '预防保健科', '外科', '康复科'],
} as const;
export type DepartmentKind = keyof typeof departmentsByKind;

// ── Products 产品 ───────────────────────────────────────────────────────────

export type ProductSeed = {
  name: string;
  genericName: string;
  specification: string;
  therapeuticArea: string;
  indications: readonly string[];
};

/** The five products of the demo company (fictional brands, real generic names). */
export const coreProducts: readonly ProductSeed[] = [
  {
    name: '瑞络康',
    genericName: '瑞舒伐他汀钙片',
    specification: '10mg×28片/盒',
    therapeuticArea: '心血管',
    indications: ['高胆固醇血症', '混合型血脂异常', '动脉粥样硬化性心血管疾病预防'],
  },
  {
    name: '糖宁安',
    genericName: '达格列净片',
    specification: '10mg×14片/盒',
    therapeuticArea: '糖尿病',
    indications: ['2型糖尿病', '射血分数降低的心力衰竭', '慢性肾脏病'],
  },
  {
    name: '安维泰',
    genericName: '甲磺酸奥希替尼片',
    specification: '80mg×30片/盒',
    therapeuticArea: '肿瘤',
    indications: ['EGFR突变阳性非小细胞肺癌', '非小细胞肺癌术后辅助治疗'],
  },
  {
    name: '舒畅宁',
    genericName: '布地奈德福莫特罗吸入粉雾剂',
    specification: '160μg/4.5μg×60吸/支',
    therapeuticArea: '呼吸',
    indications: ['支气管哮喘', '慢性阻塞性肺疾病'],
  },
  {
    name: '康莫欣',
    genericName: '盐酸莫西沙星片',
    specification: '0.4g×3片/盒',
    therapeuticArea: '抗感染',
    indications: ['社区获得性肺炎', '急性细菌性鼻窦炎', '慢性支气管炎急性发作', '皮肤和软组织感染'],
  },
];

/** More generic names for larger scales; brands are composed from brandSyllables. */
export const extraGenerics: readonly Omit<ProductSeed, 'name'>[] = [
  {
    genericName: '阿托伐他汀钙片',
    specification: '20mg×7片/盒',
    therapeuticArea: '心血管',
    indications: ['高胆固醇血症', '冠心病'],
  },
  {
    genericName: '苯磺酸氨氯地平片',
    specification: '5mg×28片/盒',
    therapeuticArea: '心血管',
    indications: ['高血压', '稳定型心绞痛'],
  },
  {
    genericName: '替格瑞洛片',
    specification: '90mg×14片/盒',
    therapeuticArea: '心血管',
    indications: ['急性冠脉综合征'],
  },
  {
    genericName: '利伐沙班片',
    specification: '10mg×10片/盒',
    therapeuticArea: '心血管',
    indications: ['静脉血栓栓塞预防', '非瓣膜性房颤卒中预防'],
  },
  {
    genericName: '沙库巴曲缬沙坦钠片',
    specification: '100mg×14片/盒',
    therapeuticArea: '心血管',
    indications: ['慢性心力衰竭', '原发性高血压'],
  },
  {
    genericName: '磷酸西格列汀片',
    specification: '100mg×7片/盒',
    therapeuticArea: '糖尿病',
    indications: ['2型糖尿病'],
  },
  {
    genericName: '甘精胰岛素注射液',
    specification: '3ml:300单位/支',
    therapeuticArea: '糖尿病',
    indications: ['需要胰岛素治疗的糖尿病'],
  },
  {
    genericName: '盐酸二甲双胍缓释片',
    specification: '0.5g×30片/盒',
    therapeuticArea: '糖尿病',
    indications: ['2型糖尿病'],
  },
  {
    genericName: '卡培他滨片',
    specification: '0.5g×12片/盒',
    therapeuticArea: '肿瘤',
    indications: ['结直肠癌', '乳腺癌', '胃癌'],
  },
  {
    genericName: '来曲唑片',
    specification: '2.5mg×10片/盒',
    therapeuticArea: '肿瘤',
    indications: ['绝经后早期乳腺癌辅助治疗'],
  },
  {
    genericName: '注射用紫杉醇（白蛋白结合型）',
    specification: '100mg/瓶',
    therapeuticArea: '肿瘤',
    indications: ['转移性乳腺癌', '非小细胞肺癌'],
  },
  {
    genericName: '孟鲁司特钠片',
    specification: '10mg×5片/盒',
    therapeuticArea: '呼吸',
    indications: ['哮喘', '过敏性鼻炎'],
  },
  {
    genericName: '噻托溴铵吸入粉雾剂',
    specification: '18μg×30粒/盒',
    therapeuticArea: '呼吸',
    indications: ['慢性阻塞性肺疾病'],
  },
  {
    genericName: '注射用美罗培南',
    specification: '0.5g/瓶',
    therapeuticArea: '抗感染',
    indications: ['医院获得性肺炎', '复杂性腹腔感染'],
  },
  {
    genericName: '头孢呋辛酯片',
    specification: '0.25g×12片/盒',
    therapeuticArea: '抗感染',
    indications: ['上呼吸道感染', '泌尿道感染'],
  },
  {
    genericName: '恩替卡韦分散片',
    specification: '0.5mg×7片/盒',
    therapeuticArea: '抗感染',
    indications: ['慢性乙型肝炎'],
  },
  {
    genericName: '艾司奥美拉唑镁肠溶片',
    specification: '20mg×7片/盒',
    therapeuticArea: '消化',
    indications: ['胃食管反流病', '幽门螺杆菌根除'],
  },
  {
    genericName: '普瑞巴林胶囊',
    specification: '75mg×8粒/盒',
    therapeuticArea: '神经',
    indications: ['带状疱疹后神经痛', '纤维肌痛'],
  },
  {
    genericName: '盐酸多奈哌齐片',
    specification: '5mg×7片/盒',
    therapeuticArea: '神经',
    indications: ['轻中度阿尔茨海默病'],
  },
];

export const brandSyllables = words(
  '瑞 康 安 优 泰 欣 舒 宁 立 诺 维 贝 佳 益 恒 达 凯 奥 捷 力 欧 美 嘉 信 和 平 畅 锐 沛 雅',
);

// ── Channel 渠道 ─────────────────────────────────────────────────────────────

/** Invented distributor groups (商业公司). */
export const distributorGroups = ['国瑞', '华康', '嘉和', '众诚', '康泰', '恒昌', '广源', '同信'] as const;
export const distributorWords = words('康源 瑞丰 华信 泰和 鼎盛 正元 长青 安平 济仁 德泽');
/** Invented pharmacy chains (连锁药店). */
export const pharmacyChains = words('一康堂 仁和堂 济世堂 百姓康 康源 福寿堂 同心堂 德仁堂 益民 惠众');
export const clinicWords = ['仁爱', '康宁', '济民', '博爱', '安康', '华佗', '杏林', '悬壶'] as const;

// ── Calls 拜访 ───────────────────────────────────────────────────────────────
// {product} is the brand discussed; {generic} its generic name; {indication} its first indication.

/** SMART 拜访目标: specific, measurable, with a time frame. */
export const callObjectiveTemplates = [
  '介绍{product}最新循证数据，确认医生认可至少一项关键获益',
  '了解科室本月新患者情况，确认{product}适用的两类患者',
  '邀请医生参加下月科室会，本周内确认时间',
  '确认医生在两名新患者中试用{product}',
  '收集医生对{product}患者用药反馈的两条意见',
  '解答医生对{product}安全性的疑问，获得继续使用的承诺',
  '约定两周内的下次拜访时间，届时带去患者教育资料',
  '确认{product}在药剂科已备货，消除断货顾虑',
  '请医生在本月科室会上分享{product}的使用经验',
  '了解竞品使用情况，找出{product}的一个差异化机会',
  '确认医生将{product}作为同类患者的首选方案之一',
  '获得医生同意在诊室放置{product}患者教育资料',
] as const;

export const keyMessageTemplates = [
  '{generic}用于{indication}的临床证据',
  '{product}的安全性与长期耐受性数据',
  '{product}的用法用量与患者教育要点',
  '{product}在指南中的推荐地位',
] as const;

export const callOpenings = [
  '回顾上次拜访约定的事项',
  '从医生关心的患者病例切入',
  '分享最新发表的研究摘要',
  '感谢医生上次参加科室会',
] as const;

export const callNeeds = [
  '医生关注老年患者的用药安全',
  '希望减少患者复诊时的不良反应',
  '科室新患者增多，需要简便的用药方案',
  '关心患者的长期依从性',
  '希望及时了解指南更新',
] as const;

/** 处理异议: [objection, answer] */
export const callObjections: readonly (readonly [string, string])[] = [
  ['价格偏高，担心患者负担', '介绍医保报销政策和患者援助项目'],
  ['担心与患者现有用药的相互作用', '提供说明书和相互作用研究数据'],
  ['院内暂时缺货', '已协调配送商，本周内补货'],
  ['对竞品的使用经验更多', '分享同级医院的使用经验和对比研究'],
  ['希望看到更多中国患者的数据', '下次带去国内多中心研究的摘要'],
];

export const callCommitments = [
  '同意在下周的新患者中试用',
  '同意参加下月科室会',
  '同意阅读研究资料后再交流',
  '同意在合适的患者中继续使用',
] as const;

/** 总结跟进: [next step, days until due] */
export const nextStepTemplates: readonly (readonly [string, number])[] = [
  ['送去{product}最新研究资料', 7],
  ['回访两名试用患者的用药反馈', 14],
  ['确认科室会时间并准备讲稿', 10],
  ['带去{product}患者教育手册', 7],
  ['协调药剂科确认{product}备货', 5],
  ['发送区域学术会议邀请', 5],
  ['约医生讨论指南更新要点', 14],
];

export const coachingStrengths = [
  '开场自然，能迅速进入主题',
  '探询问题层层深入，找到了医生的真实需求',
  '利益展现紧扣医生关心的问题',
  '处理异议时态度从容，证据充分',
] as const;

export const coachingImprovements = [
  '访前准备需更充分，提前了解科室患者结构',
  '取得承诺时要更明确具体',
  '总结跟进时要约定具体时间',
  '多用开放式问题探询需求',
] as const;

/** One coaching remark per step of the seven (拜访七步骤), used now and then. */
export const coachingStepComments = {
  preparation: '拜访目标清楚，资料准备齐全',
  opening: '开场可以更贴近医生当天的工作',
  probing: '追问还可以再深入一层',
  benefits: '特点与利益的转换做得好',
  objections: '先认同再回应，效果不错',
  commitment: '承诺要落到具体患者和时间',
  followUp: '下次拜访时间已约定，很好',
} as const;

export const repAcknowledgements = ['收到，下次拜访注意改进', '谢谢经理指导', '会加强访前准备'] as const;
