"""The 商洛 registry as demo data (seed 004 and DOMAIN.md §2–3).

Town names are real; village names are generated deterministically from common
place-name parts, enough per county that quotas and coverage mean something.
"""

PROVINCE = ("陕西省", "shaanxi")
CITY = ("商洛市", "shangluo")

# (name, slug, category, towns: [(name, category)], villages to generate)
COUNTIES = [
    (
        "商州区",
        "shangzhou",
        "区",
        [
            ("城关街道", "街道办"),
            ("大赵峪街道", "街道办"),
            ("陈塬街道", "街道办"),
            ("沙河子镇", "镇"),
            ("杨峪河镇", "镇"),
            ("金陵寺镇", "镇"),
            ("黑山镇", "镇"),
            ("麻街镇", "镇"),
        ],
        42,
    ),
    (
        "洛南县",
        "luonan",
        "县",
        [
            ("城关街道", "街道办"),
            ("四皓街道", "街道办"),
            ("景村镇", "镇"),
            ("古城镇", "镇"),
            ("三要镇", "镇"),
            ("灵口镇", "镇"),
            ("石门镇", "镇"),
            ("保安镇", "镇"),
        ],
        36,
    ),
    (
        "丹凤县",
        "danfeng",
        "县",
        [
            ("龙驹寨街道", "街道办"),
            ("庾家河镇", "镇"),
            ("铁峪铺镇", "镇"),
            ("武关镇", "镇"),
            ("竹林关镇", "镇"),
            ("棣花镇", "镇"),
        ],
        24,
    ),
    (
        "商南县",
        "shangnan",
        "县",
        [
            ("城关街道", "街道办"),
            ("富水镇", "镇"),
            ("湘河镇", "镇"),
            ("赵川镇", "镇"),
            ("金丝峡镇", "镇"),
        ],
        22,
    ),
    (
        "山阳县",
        "shanyang",
        "县",
        [
            ("城关街道", "街道办"),
            ("十里铺街道", "街道办"),
            ("高坝店镇", "镇"),
            ("天竺山镇", "镇"),
            ("中村镇", "镇"),
            ("漫川关镇", "镇"),
            ("法官镇", "镇"),
            ("板岩镇", "镇"),
        ],
        36,
    ),
    (
        "镇安县",
        "zhenan",
        "县",
        [
            ("永乐街道", "街道办"),
            ("回龙镇", "镇"),
            ("铁厂镇", "镇"),
            ("大坪镇", "镇"),
            ("云盖寺镇", "镇"),
            ("青铜关镇", "镇"),
            ("柴坪镇", "镇"),
        ],
        24,
    ),
    (
        "柞水县",
        "zhashui",
        "县",
        [
            ("乾佑街道", "街道办"),
            ("营盘镇", "镇"),
            ("下梁镇", "镇"),
            ("凤凰镇", "镇"),
            ("红岩寺镇", "镇"),
        ],
        15,
    ),
    (
        "商洛高新区（商丹园区）",
        "gaoxin",
        "开发区",
        [
            ("丹江片区", "片区"),
            ("商丹片区", "片区"),
        ],
        6,
    ),
]

VILLAGE_HEADS = "王李张刘陈杨黄赵石马龙凤桃柳松青白红金银双三五安乐兴和丰太"
VILLAGE_TAILS = ["家湾", "庄", "坪", "沟", "河", "岭", "塬", "峪", "台", "店", "院", "川", "营", "铺", "坡"]

OFFICE = ("市综治办", "office")

# (name, slug): the eight lead departments, in the seed's order
LEAD_DEPARTMENTS = [
    ("市教育局", "jiaoyu"),
    ("市卫计局", "weiji"),
    ("市公安局", "gongan"),
    ("市交通局", "jiaotong"),
    ("市药监局", "yaojian"),
    ("市工信局", "gongxin"),
    ("市发改委", "fagai"),
    ("市人行", "renhang"),
]

# Every cooperating department seed 004 §三(二)2 names, and a few other city departments.
OTHER_DEPARTMENTS = [
    ("市司法局", "sifa"),
    ("市中级人民法院", "zhongyuan"),
    ("市文明办", "wenming"),
    ("商洛消防支队", "xiaofang"),
    ("商洛学院", "slxy"),
    ("商洛职院", "slzy"),
    ("市物价局", "wujia"),
    ("市信访局", "xinfang"),
    ("市旅发委", "lvfa"),
    ("市国土局", "guotu"),
    ("市林业局", "linye"),
    ("市水务局", "shuiwu"),
    ("市文广局", "wenguang"),
    ("市工商质监局", "gongshang"),
    ("市文旅公司", "wenlv"),
    ("市农业局", "nongye"),
    ("市城管局", "chengguan"),
    ("市安监局", "anjian"),
    ("市交警支队", "jiaojing"),
    ("市商务局", "shangwu"),
    ("市委统战部", "tongzhan"),
    ("市工商联", "gongshanglian"),
    ("市科技局", "keji"),
    ("市环保局", "huanbao"),
    ("市委维稳办", "weiwen"),
    ("市住建局", "zhujian"),
    ("市银监局", "yinjian"),
    ("市金融办", "jinrong"),
    ("市妇联", "fulian"),
    ("团市委", "tuanshiwei"),
    ("市民政局", "minzheng"),
]

# (name, slug, kind, decided_by, in_allocation_table, has_demo_sites)
BRANDS = [
    ("平安县（区）", "county", "collective", "evaluation", True, False),
    ("平安镇（办）", "town", "collective", "nomination", True, True),
    ("平安村（社区）", "village", "collective", "nomination", True, True),
    ("平安单位", "unit", "collective", "nomination", True, True),
    ("平安小区（楼院）", "estate", "collective", "nomination", True, True),
    ("平安街道", "street", "collective", "nomination", True, True),
    ("平安家庭", "family", "family", "nomination", False, False),
    ("优秀治安中心户长（网格员）", "gridworker", "individual", "nomination", False, False),
    ("优秀平安志愿者（红袖章）", "volunteer", "individual", "nomination", False, False),
]

# Which registry count each brand's coverage is measured against (campaigns.enums.CensusBase);
# 平安家庭 and the individual awards are not measured.
BRAND_CENSUS_BASES = {
    "county": "counties",
    "town": "towns",
    "village": "villages_communities",
    "unit": "units",
    "estate": "compounds",
    "street": "streets",
}

# The campaign year's census (单位基数) per county, real-ish figures: (towns, villages,
# communities, units, compounds, streets). The demo's place tree holds only a sample of them.
COUNTY_CENSUS = {
    "商州区": (18, 301, 36, 420, 64, 6),
    "洛南县": (16, 238, 21, 310, 32, 3),
    "丹凤县": (12, 146, 14, 220, 21, 2),
    "商南县": (10, 112, 12, 186, 18, 2),
    "山阳县": (18, 239, 20, 265, 23, 2),
    "镇安县": (15, 150, 11, 204, 16, 2),
    "柞水县": (9, 80, 8, 126, 12, 1),
    "商洛高新区（商丹园区）": (2, 12, 4, 58, 9, 1),
}
# Units of each sector in the whole city (schools, hospitals, scenic areas …), by sector slug.
SECTOR_CENSUS = {
    "campus": 860,
    "hospital": 186,
    "scenic": 42,
    "transport": 64,
    "food-drug": 320,
    "enterprise": 410,
    "project": 56,
    "finance": 95,
}

# (name, slug, lead slug, brand name or "" for 自定品牌, cooperating department names)
SECTORS = [
    (
        "校园",
        "campus",
        "jiaoyu",
        "平安校园",
        [
            "市中级人民法院",
            "市文明办",
            "市公安局",
            "市司法局",
            "市药监局",
            "商洛消防支队",
            "商洛学院",
            "商洛职院",
        ],
    ),
    (
        "医院",
        "hospital",
        "weiji",
        "平安医院",
        ["市公安局", "市物价局", "市药监局", "市信访局", "商洛消防支队"],
    ),
    (
        "旅游景区",
        "scenic",
        "gongan",
        "平安景区",
        [
            "市旅发委",
            "市国土局",
            "市林业局",
            "市水务局",
            "市文广局",
            "市工商质监局",
            "市文旅公司",
        ],
    ),
    ("交通运输", "transport", "jiaotong", "", ["市农业局", "市城管局", "市安监局", "市交警支队", "市物价局"]),
    (
        "食品药品",
        "food-drug",
        "yaojian",
        "",
        ["市公安局", "市卫计局", "市农业局", "市商务局", "市工商质监局"],
    ),
    (
        "工商企业",
        "enterprise",
        "gongxin",
        "",
        [
            "市委统战部",
            "市工商联",
            "市科技局",
            "市环保局",
            "市商务局",
            "市安监局",
        ],
    ),
    (
        "重点项目",
        "project",
        "fagai",
        "",
        [
            "市委维稳办",
            "市住建局",
            "市城管局",
            "市国土局",
            "市水务局",
            "市林业局",
            "市安监局",
            "市环保局",
            "市信访局",
        ],
    ),
    ("金融", "finance", "renhang", "", ["市银监局", "市金融办", "市公安局", "市工商质监局", "商洛消防支队"]),
]

# Quotas for the brands the seed's table has no column for (ours: "按比例" is silent).
EXTRA_QUOTAS = {"family": 10, "gridworker": 3, "volunteer": 3}

# Phase calendar of seed 004 §三(一)3 and §三(二)3: (role, key, title, starts_on, due_on)
MILESTONES = [
    ("county", "plan", "制定细化本县（区）创建方案、创建标准，召开创建部署会议", None, "2018-03-20"),
    (
        "county",
        "demo_sites",
        "确定年度市级平安镇（办）、村（社区）、单位、小区（楼院）、街道创建示范点并报市综治办备案",
        None,
        "2018-03-20",
    ),
    ("lead", "plan", "制定领域创建方案、创建标准，确定平安创建品牌，报市综治办审定", None, "2018-03-31"),
    ("lead", "demo_sites", "遴选本领域年度平安创建示范点并向市综治办报备", None, "2018-03-31"),
    ("other", "plan", "向市综治办报备本部门、本单位、本系统平安创建实施方案", None, "2018-03-31"),
    ("county", "work", "全面开展年度平安创建工作", "2018-04-01", "2018-10-31"),
    ("lead", "work", "全面实施本领域年度平安创建工作", "2018-04-01", "2018-10-31"),
    ("office", "inspection", "适时开展创建督查和绩效评估", "2018-04-01", "2018-10-31"),
    ("county", "nomination", "组织县级评定命名，向市综治办推荐申报市级先进集体和个人", None, "2018-11-30"),
    ("county", "summary", "报送平安创建活动年度总结", None, "2018-11-30"),
    ("lead", "nomination", "组织本领域年度评定命名，推荐申报市级评定命名集体和个人", None, "2018-11-30"),
    ("lead", "summary", "报送本领域平安创建活动年度总结", None, "2018-11-30"),
    ("other", "summary", "报送平安创建活动年度总结", None, "2018-12-20"),
    (
        "office",
        "review",
        "检查评定：实地核查、网络评选、媒体公示，市委、市政府命名表彰",
        "2018-12-01",
        "2018-12-31",
    ),
]

# The five actions (五大行动), seed 004 §三(三): (slug, title, lead units, summary)
ACTIONS = [
    (
        "yanda-zhengzhi",
        "“严打整治·共建平安”行动",
        "市公安局牵头，各县区人民政府、县区委政法委、市财政局、市综治办及相关单位配合",
        "深入开展扫黑除恶专项斗争等“六个专项行动”，持续推进“雪亮工程”，到2020年基本实现公共安全视频监控“全域覆盖、全网共享、全时可用、全程可控”。",
    ),
    (
        "wo-dianzan",
        "“平安商洛我点赞·微信问政”行动",
        "市综治办负责，市委宣传部、市委网信办、市文广局等单位配合",
        "开通“平安商洛”官方微信公众号，开设“平安商洛我点赞”互动栏目，问政于民、问需于民。",
    ),
    (
        "hong-xiuzhang",
        "“万名红袖章·聚力保平安”行动",
        "各县区负责，市级相关单位配合",
        "发展壮大“红袖章”平安志愿者力量，常态化开展上路执勤、入户宣传、收集信息、参与公益等活动。",
    ),
    (
        "zhuli-tuopin",
        "“深化平安创建·助力脱贫攻坚”行动",
        "市综治办、市中级人民法院、市人民检察院、市公安局、市司法局、市信访局负责",
        "把平安建设作为助力脱贫攻坚的抓手，推进贫困地区基层综治维稳中心建设和城乡社区（村）网格化管理。",
    ),
    (
        "jinqiu-wanjia",
        "“金秋进万家·入户送平安”行动",
        "市综治办牵头，市委组织部、市委宣传部、市直机关工委、市人社局负责",
        "9月中下旬开展为期20天的入户走访活动，讲平安知识、说平安故事、听平安意见、送平安物品。",
    ),
]


# What each role files (seed 004 阶段安排): (role, milestone key, name, needs approval,
# asks for the brand name). Due dates come from the milestones of the same role and key.
FILING_KINDS = [
    ("county", "plan", "县（区）平安创建方案和创建标准", False, False),
    ("county", "demo_sites", "年度市级创建示范点名单", False, False),
    ("lead", "plan", "领域平安创建方案、创建标准和创建品牌", True, True),
    ("lead", "demo_sites", "领域年度创建示范点名单", False, False),
    ("other", "plan", "本部门平安创建实施方案", False, False),
    ("county", "summary", "平安创建活动年度总结", False, False),
    ("lead", "summary", "本领域平安创建活动年度总结", False, False),
    ("other", "summary", "平安创建活动年度总结", False, False),
]
