"""Deterministic Chinese names for the scale data set, drawn from a seeded `random.Random`.

Place names that need a slug (cities and counties: their slugs are account names)
are built from characters with a known pinyin; other names need none. Nothing here
touches the database.
"""

from __future__ import annotations

import datetime
import random

# Characters with their pinyin, for the names that need a slug. 商, 洛, 丹, 柞 and 镇 are
# left out so that no generated slug meets the 商洛 demo's.
PINYIN = {
    "安": "an", "宁": "ning", "平": "ping", "泰": "tai", "华": "hua", "兴": "xing", "隆": "long",
    "昌": "chang", "丰": "feng", "源": "yuan", "江": "jiang", "河": "he", "山": "shan", "川": "chuan",
    "阳": "yang", "城": "cheng", "林": "lin", "溪": "xi", "泉": "quan", "清": "qing", "德": "de",
    "嘉": "jia", "永": "yong", "新": "xin", "富": "fu", "康": "kang", "乐": "le", "吉": "ji",
    "祥": "xiang", "瑞": "rui", "宝": "bao", "云": "yun", "金": "jin", "石": "shi", "桥": "qiao",
    "柳": "liu", "松": "song", "梅": "mei", "桃": "tao", "竹": "zhu", "湖": "hu", "岭": "ling",
    "汉": "han", "秦": "qin", "楚": "chu", "蓝": "lan", "白": "bai", "青": "qing", "崇": "chong",
    "武": "wu", "文": "wen", "明": "ming", "广": "guang", "定": "ding", "远": "yuan", "鹤": "he",
    "凤": "feng", "岚": "lan", "沣": "feng", "渭": "wei", "旬": "xun", "峡": "xia", "坪": "ping",
}  # fmt: skip
SYLLABLES = list(PINYIN)

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "建军国华志强秀英桂兰海涛丽娟晓燕永红文斌明辉春梅玉兰红霞伟刚小平金凤德胜彩霞俊杰雪梅卫东淑珍学军"
    "丽华静怡子涵浩然思远宇航欣怡雨桐佳琪一鸣天佑嘉豪梓萱诗琪博文振宇少华长青庆丰瑞芳秋菊冬梅兴旺新民"
    "永福保国宏伟立新国强爱民玉芬翠花荣华兰英满仓有才建平建华红梅秀珍桂英凤英"
)
GIVEN_CHARS = sorted(set(GIVEN))
TOWN_TAILS = ["河", "沟", "坪", "川", "关", "店", "口", "寺", "坝", "湾", "峪", "铺", "庙", "营", "塬"]
UNIT_SUFFIXES = [
    "中心小学", "初级中学", "中心幼儿园", "卫生院", "派出所", "供电所", "农商银行营业所", "邮政支局",
    "敬老院", "司法所", "市场监管所", "财政所", "林业站", "农技站", "文化站", "便民服务中心",
    "自来水厂", "汽车站", "粮站", "中心学校",
]  # fmt: skip
COMPANY_WORDS = "宏达鑫源恒通华盛兴旺永安金泰瑞丰天成东方新华长城信达博远正大中兴广厦德信"
COMPANY_TRADES = ["建材有限公司", "农业合作社", "物流有限公司", "食品有限公司", "矿业有限公司",
                  "商贸有限公司", "茶业有限公司", "旅游开发公司", "医药有限公司", "电子有限公司"]  # fmt: skip
ESTATE_HEADS = "翠锦华金银阳光滨河丽景御景江南书香馨园绿洲龙湖紫荆幸福和谐春天秀水明珠"
ESTATE_TAILS = ["花园", "家园", "小区", "苑", "华庭", "新村", "公寓", "雅居", "佳苑", "名城"]
SECTOR_UNIT_TAILS = {
    "campus": ["中学", "小学", "职业中学", "幼儿园", "实验学校"],
    "hospital": ["人民医院", "中医医院", "妇幼保健院", "社区卫生服务中心"],
    "scenic": ["风景区", "森林公园", "溶洞景区", "古镇景区"],
    "transport": ["汽车客运站", "公交公司", "高速公路管理所", "出租汽车公司"],
    "food-drug": ["农贸市场", "医药连锁公司", "食品工业园", "超市"],
    "enterprise": ["工业园区", "产业园", "有限公司", "集团公司"],
    "project": ["高速公路项目部", "水利枢纽工程", "棚户区改造项目", "电厂工程"],
    "finance": ["农商银行", "信用合作联社", "村镇银行", "支行营业室"],
}


class Names:
    """All generated names of one build; `rng` decides every choice."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.slugs: set[str] = set()

    def slugged(self, suffix: str, *, reserved: set[str], taken: set[str]) -> tuple[str, str]:
        """(name, slug): two characters with pinyin + suffix, neither name nor slug used yet."""
        while True:
            a, b = self.rng.sample(SYLLABLES, 2)
            name, slug = f"{a}{b}{suffix}", PINYIN[a] + PINYIN[b]
            if name not in taken and slug not in self.slugs and slug not in reserved:
                taken.add(name)
                self.slugs.add(slug)
                return name, slug

    def town(self, taken: set[str], *, street: bool) -> str:
        while True:
            head = self.rng.choice(SYLLABLES) + self.rng.choice(TOWN_TAILS)
            name = head + ("街道" if street else "镇")
            if name not in taken:
                taken.add(name)
                return name

    def village(self, heads: str, tails: list[str], taken: set[str], *, community: bool) -> str:
        while True:
            name = self.rng.choice(heads) + self.rng.choice(tails) + ("社区" if community else "村")
            if name not in taken:
                taken.add(name)
                return name

    def person(self) -> str:
        surname = self.rng.choice(SURNAMES)
        if self.rng.random() < 0.25:
            return surname + self.rng.choice(GIVEN_CHARS)
        return surname + self.rng.choice(GIVEN_CHARS) + self.rng.choice(GIVEN_CHARS)

    def unique(self, make, taken: set[str]) -> str:
        """`make()` until it gives a name not in `taken` (numbered after many tries)."""
        for _ in range(40):
            name = make()
            if name not in taken:
                taken.add(name)
                return name
        n = 2
        while f"{name}（{n}）" in taken:
            n += 1
        taken.add(f"{name}（{n}）")
        return f"{name}（{n}）"

    def unit(self, places: list[str]) -> str:
        if self.rng.random() < 0.6:
            return self.rng.choice(places) + self.rng.choice(UNIT_SUFFIXES)
        words = "".join(self.rng.sample(COMPANY_WORDS, 2))
        return self.rng.choice(places)[:2] + words + self.rng.choice(COMPANY_TRADES)

    def estate(self) -> str:
        return "".join(self.rng.sample(ESTATE_HEADS, 2)) + self.rng.choice(ESTATE_TAILS)

    def sector_unit(self, sector_slug: str, places: list[str]) -> str:
        tails = SECTOR_UNIT_TAILS.get(sector_slug, ["单位"])
        return self.rng.choice(places) + self.rng.choice(tails)

    def mobile(self) -> str:
        return f"1{self.rng.choice('3456789')}{self.rng.randrange(10**9):09d}"

    def birth(self) -> datetime.date:
        return datetime.date(1955, 1, 1) + datetime.timedelta(days=self.rng.randrange(45 * 365))
