"""Writes benchmarks/cases.csv from the tables below (kept in Python for comments).

Every case is written from public facts: the registry's sources, the official files in
../shared/data, and exchange short names of listed Chinese companies. ``expected`` is the
entity a correct engine matches (a registry id ``cs-...``, a list record id such as
``ofac-30923``), or empty for a hard negative that must match nothing.
"""

from __future__ import annotations

import csv
from pathlib import Path

# kind, query, expected, extra columns (isin, ticker, uscc, lei, country), note
FUND_EN = [
    ("ZTE Corp", "cs-zte"),  # on the FCC Covered List (a negative before the registry had it)
    ("HANGZHOU HIKVISION DIGITAL TE-A", "cs-hikvision"),
    ("HANGZHOU HIKVISION DIGITAL-A", "cs-hikvision"),
    ("HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO LTD A", "cs-hikvision"),
    ("HIKVISION DIGITAL TECHNOLOGY-A", "cs-hikvision"),
    ("HANGZHOU HIKVISION DIGITAL TECH CO LTD", "cs-hikvision"),
    ("HANGZHOU HIKVISION DIGITAL TEC", "cs-hikvision"),
    ("ZHEJIANG DAHUA TECHNOLOGY-A", "cs-dahua"),
    ("ZHEJIANG DAHUA TECHNOLOGY CO-A", "cs-dahua"),
    ("DAHUA TECHNOLOGY CO LTD-A", "cs-dahua"),
    ("ZHEJIANG DAHUA TECH CO LTD", "cs-dahua"),
    ("IFLYTEK CO LTD-A", "cs-iflytek"),
    ("IFLYTEK CO LTD A", "cs-iflytek"),
    ("IFLYTEK CO LTD", "cs-iflytek"),
    ("SENSETIME GROUP INC-CL B", "cs-sensetime"),
    ("SENSETIME GROUP INC", "cs-sensetime"),
    ("SENSETIME GROUP INC-B", "cs-sensetime"),
    ("XIAMEN MEIYA PICO INFORMATI-A", "cs-meiya-pico"),
    ("XIAMEN MEIYA PICO INFORMATION CO LTD", "cs-meiya-pico"),
    ("MEIYA PICO INFORMATION-A", "cs-meiya-pico"),
    ("LEON TECHNOLOGY CO LTD-A", "cs-leon"),
    ("NETPOSA TECHNOLOGIES LTD-A", "cs-netposa"),
    ("NETPOSA TECHNOLOGIES LTD", "cs-netposa"),
    ("DAWNING INFORMATION INDUSTR-A", "cs-dawning"),
    ("DAWNING INFORMATION INDUSTRY CO LTD", "cs-dawning"),
    ("SUGON INFORMATION INDUSTRY-A", "cs-dawning"),
    ("CLOUDWALK TECHNOLOGY CO LTD-A", "cs-cloudwalk"),
    ("CLOUDWALK TECHNOLOGY CO LT-A", "cs-cloudwalk"),
    ("SHENZHEN INTELLIFUSION TECH-A", "cs-intellifusion"),
    ("SHENZHEN INTELLIFUSION TECHNOLOGIES CO LTD", "cs-intellifusion"),
    ("SHANDONG SENSINGTECH ELECTR-A", "cs-sensingtech"),
    ("MEGVII TECHNOLOGY LTD", "cs-megvii"),
    ("HUAWEI TECHNOLOGIES CO LTD", "cs-huawei"),
    ("CHINA MOBILE LTD", "ofac-30923"),
    ("CHINA MOBILE COMMUNICATIONS GROUP", "ofac-30944"),
    ("CHINA TELECOM CORP LTD-H", "ofac-30882"),
    ("CHINA UNICOM HONG KONG LTD", "ofac-30924"),
    ("CNOOC LTD", "ofac-30926"),
    ("CHINA COMMUNICATIONS CONST-H", "ofac-30930"),
    ("SEMICONDUCTOR MANUFACTURING IN", "ofac-30951"),
    ("CHINA RAILWAY CONSTRUCTION-H", "ofac-30959"),
    ("AVIC JONHON OPTRONIC TECH-A", "ofac-32055"),
    ("CHINA NUCLEAR ENGINEERING-A", "ofac-30958"),
    ("AEROSPACE CH UAV CO LTD-A", "ofac-32084"),
    ("CHINA SPACESAT CO LTD-A", "ofac-30934"),
    ("CHINA SATELLITE COMMUNICATI-A", "ofac-32069"),
    ("FUJIAN TORCH ELECTRON TECH-A", "ofac-32077"),
    ("CSSC OFFSHORE & MARINE ENG-H", "ofac-32079"),
    ("NANJING PANDA ELECTRONICS-H", "ofac-32128"),
    ("CHANGSHA JINGJIA MICROELECT-A", "ofac-32102"),
    ("GUIZHOU SPACE APPLIANCE-A", "ofac-32101"),
    ("CHINA AVIONICS SYSTEMS CO-A", "ofac-32090"),
    ("AEROSUN CORP-A", "ofac-32129"),
    ("COSTAR GROUP CO LTD-A", "ofac-32107"),
    ("ZHONGHANG ELECTRONIC MEASUR-A", "ofac-32153"),
    ("INNER MONGOLIA FIRST MACHIN-A", "ofac-32078"),
    ("JIANGXI HONGDU AVIATION-A", "ofac-32088"),
    ("CHINA SHIPBUILDING INDUSTRY-A", "ofac-32100"),
    ("SHAANXI ZHONGTIAN ROCKET TE-A", "ofac-32131"),
    ("NORTH NAVIGATION CONTROL TE-A", "ofac-32130"),
    ("ANHUI GREATWALL MILITARY IN-A", "ofac-32028"),
    ("AVIC XIAN AIRCRAFT INDUSTR-A", "ofac-32052"),
    ("AVIC SHENYANG AIRCRAFT CO-A", "ofac-32056"),
    ("CHINA MARINE INFORMATION EL-A", "ofac-32103"),
    ("CHINA SHIPBUILDING INDUSTRY GROUP POWER CO-A", "ofac-32106"),
    ("INSPUR GROUP CO LTD", "ofac-30949"),
    ("PANDA ELECTRONICS GROUP CO LTD", "ofac-30950"),
    ("CHINA GENERAL NUCLEAR POWER CORP", "ofac-30937"),
]

SUPPLIER_EN = [
    ("Hikvision Digital Technology Co., Ltd.", "cs-hikvision"),
    ("Hangzhou Hikvision Digital Technology Co Ltd", "cs-hikvision"),
    ("Hikvision", "cs-hikvision"),
    ("HIKVISION", "cs-hikvision"),
    ("Hik Vision", "cs-hikvision"),
    ("Hikvision USA Inc.", "cs-hikvision-usa"),  # the registry records the subsidiary itself
    ("Dahua Technology Co., Ltd", "cs-dahua"),
    ("Dahua Technology USA Inc.", "cs-dahua-usa"),  # recorded itself, with its 2024 sale
    ("Zhejiang Dahua Technology", "cs-dahua"),
    ("iFlytek Co., Ltd", "cs-iflytek"),
    ("iFLYTEK", "cs-iflytek"),
    ("IFLYTEK CO.,LTD.", "cs-iflytek"),
    ("Megvii Technology Limited", "cs-megvii"),
    ("Beijing Megvii Technology Co., Ltd.", "cs-megvii"),
    ("Megvii", "cs-megvii"),
    ("SenseTime", "cs-sensetime"),
    ("SenseTime Group Limited", "cs-sensetime"),
    ("SenseTime International Pte. Ltd.", "cs-sensetime"),
    ("Yitu Technology", "cs-yitu"),
    ("Shanghai Yitu Network Technology Co Ltd", "cs-yitu"),
    ("CloudWalk Technology", "cs-cloudwalk"),
    ("Cloudwalk Technology Co. Ltd", "cs-cloudwalk"),
    ("Chongqing CloudWalk Technology Co., Ltd.", "cs-cloudwalk"),
    ("NetPosa Technologies", "cs-netposa"),
    ("Beijing NetPosa Technologies Co., Ltd.", "cs-netposa"),
    ("Leon Technology Co., Ltd.", "cs-leon"),
    ("Sugon", "cs-dawning"),
    ("Dawning Information Industry", "cs-dawning"),
    ("Sugon Information Industry Co Ltd", "cs-dawning"),
    ("DJI", "cs-dji"),
    ("SZ DJI Technology Co., Ltd.", "cs-dji"),
    ("DJI Technology Co., Ltd.", "cs-dji"),
    ("Shenzhen DJI Technology Co Ltd", "cs-dji"),
    ("Intellifusion", "cs-intellifusion"),
    ("Shenzhen Intellifusion Technologies", "cs-intellifusion"),
    ("Meiya Pico", "cs-meiya-pico"),
    ("Xiamen Meiya Pico Information Co., Ltd.", "cs-meiya-pico"),
    ("IS'Vision", "cs-isvision"),
    ("ISVision", "cs-isvision"),
    ("FiberHome Technologies Group", "cs-fiberhome"),
    ("Nanjing FiberHome Starrysky Communication Development Co., Ltd.", "cs-fiberhome-starrysky"),
    ("Xinjiang Lianhai Chuangzhi Information Technology Co., Ltd.", "cs-lianhai"),
    ("Xinjiang Sailing Information Technology Co Ltd", "cs-xinjiang-sailing"),
    ("Xinjiang Tangli Technology Co., Ltd", "cs-tangli"),
    ("Shenzhen Cobber Information Technology Co., Ltd.", "cs-cobber"),
    ("Beijing Geling Shentong Information Technology Co., Ltd.", "cs-geling"),
    ("Tongfang R.I.A. Co., Ltd.", "cs-tongfang-ria"),
    ("Shenzhen Hua'antai Intelligent Technology Co., Ltd.", "cs-huaantai"),
    ("Chengdu Xiwu Security System Alliance Co., Ltd.", "cs-xiwu"),
    ("Beijing Sinonet Science & Technology Co., Ltd.", "cs-sinonet"),
    ("Xinjiang Beidou Tongchuang Information Technology Co., Ltd.", "cs-beidou-tongchuang"),
    ("Suzhou Keda Technology Co., Ltd.", "cs-keda"),
    ("China Academy of Electronics and Information Technology", "cs-caeit"),
    ("Hebei Far East Communication System Engineering Co., Ltd.", "cs-hbfec"),
    ("China Electronics Technology Group Corporation", "cs-cetc"),
    ("China Electronics Technology Group Corp Ltd", "cs-cetc"),
    ("CETC", "cs-cetc"),
    ("Tiandy Technologies Co., Ltd.", "cs-tiandy"),
    ("Huawei Technologies Co., Ltd.", "cs-huawei"),
    ("Xinjiang Public Security Bureau", "cs-xpsb"),
    ("Xinjiang Uyghur Autonomous Region Public Security Bureau", "cs-xpsb"),
    ("Xinjiang Production and Construction Corps", "cs-xpcc"),
    ("XPCC", "cs-xpcc"),
    ("Xinjiang Police College", "cs-xinjiang-police-college"),
    ("Aksu Huafu Textiles Co., Ltd", "cs-aksu-huafu"),
    ("Institute of Forensic Science of China", "cs-mps-ifs"),
    ("BGI Group", "cs-bgi"),
    ("Beijing Liuhe BGI Co Ltd", "cs-bgi-liuhe"),
    ("Xinjiang Silk Road BGI Co., Ltd", "cs-bgi-xinjiang"),
    ("China Electronics Corporation", "ofac-30932"),
    ("Banco Nacional de Cuba S.A.", "ofac-306"),
    ("Aerocaribbean Airlines", "ofac-36"),
    ("Korea Mining Development Trading Corp", "ofac-9345"),
    ("Mahan Air", "ofac-12927"),
    ("National Iranian Oil Co", "ofac-11317"),
    ("Islamic Revolutionary Guard Corps", "ofac-10391"),
    ("VTB Bank PJSC", "ofac-17013"),
    ("Rosneft Trading SA", "ofac-18299"),
    ("Sberbank Europe AG", "ofac-18716"),
]

ZH_FULL = [
    ("杭州海康威视数字技术股份有限公司", "cs-hikvision"),
    ("浙江大华技术股份有限公司", "cs-dahua"),
    ("科大讯飞股份有限公司", "cs-iflytek"),
    ("北京旷视科技有限公司", "cs-megvii"),
    ("上海依图网络科技有限公司", "cs-yitu"),
    ("厦门市美亚柏科信息股份有限公司", "cs-meiya-pico"),
    ("云从科技集团股份有限公司", "cs-cloudwalk"),
    ("东方网力科技股份有限公司", "cs-netposa"),
    ("深圳云天励飞技术股份有限公司", "cs-intellifusion"),
    ("立昂技术股份有限公司", "cs-leon"),
    ("曙光信息产业股份有限公司", "cs-dawning"),
    ("深圳市大疆创新科技有限公司", "cs-dji"),
    ("中国电子科技集团有限公司", "cs-cetc"),
    ("中国电子科技集团公司", "cs-cetc"),
    ("新疆熙菱信息技术股份有限公司", "cs-xinjiang-sailing"),
    ("新疆联海创智信息科技有限公司", "cs-lianhai"),
    ("华为技术有限公司", "cs-huawei"),
    ("天津天地伟业数码科技有限公司", "cs-tiandy"),
    ("山东神思电子技术股份有限公司", "cs-sensingtech"),
    ("苏州科达科技股份有限公司", "cs-keda"),
    ("新疆维吾尔自治区公安厅", "cs-xpsb"),
    ("新疆生产建设兵团", "cs-xpcc"),
    ("新疆生产建设兵团公安局", "cs-xpcc-psb"),
    ("河北远东通信系统工程有限公司", "cs-hbfec"),
    ("中国电子科学研究院", "cs-caeit"),
    ("深圳市深网视界科技有限公司", "cs-sensenets"),
    ("北京六合华大基因科技有限公司", "cs-bgi-liuhe"),
    ("新疆丝路华大基因科技有限公司", "cs-bgi-xinjiang"),
    ("烽火科技集团有限公司", "cs-fiberhome"),
    ("成都西物信安智能系统有限公司", "cs-xiwu"),
    ("阿克苏华孚色纺有限公司", "cs-aksu-huafu"),
    ("新疆联海创智信息科技", "cs-lianhai"),
    ("北京格灵深瞳信息技术股份有限公司", "cs-geling"),
    ("新疆北斗同创信息技术有限公司", "cs-beidou-tongchuang"),
    ("深圳市商汤科技有限公司", "cs-sensetime"),
]

ZH_SHORT = [
    ("海康威视", "cs-hikvision"),
    ("大华股份", "cs-dahua"),
    ("科大讯飞", "cs-iflytek"),
    ("旷视科技", "cs-megvii"),
    ("商汤科技", "cs-sensetime"),
    ("商汤-W", "cs-sensetime"),
    ("依图科技", "cs-yitu"),
    ("美亚柏科", "cs-meiya-pico"),
    ("云从科技", "cs-cloudwalk"),
    ("东方网力", "cs-netposa"),
    ("云天励飞", "cs-intellifusion"),
    ("立昂技术", "cs-leon"),
    ("中科曙光", "cs-dawning"),
    ("大疆创新", "cs-dji"),
    ("神思电子", "cs-sensingtech"),
    ("天地伟业", "cs-tiandy"),
    ("深网视界", "cs-sensenets"),
    ("熙菱信息", "cs-xinjiang-sailing"),
    ("烽火科技", "cs-fiberhome"),
    ("云天励飞-U", "cs-intellifusion"),
    ("海康威视-A", "cs-hikvision"),
    ("格灵深瞳", "cs-geling"),
]

ZH_VARIANT = [
    ("海康威視", "cs-hikvision"),
    ("杭州海康威視數字技術股份有限公司", "cs-hikvision"),
    ("浙江大華技術股份有限公司", "cs-dahua"),
    ("大華股份", "cs-dahua"),
    ("科大訊飛", "cs-iflytek"),
    ("曠視科技", "cs-megvii"),
    ("商湯－Ｗ", "cs-sensetime"),
    ("商湯科技", "cs-sensetime"),
    ("依圖科技", "cs-yitu"),
    ("美亞柏科", "cs-meiya-pico"),
    ("雲從科技", "cs-cloudwalk"),
    ("東方網力", "cs-netposa"),
    ("雲天勵飛", "cs-intellifusion"),
    ("立昂技術", "cs-leon"),
    ("中科曙光", "cs-dawning"),
    ("大疆創新", "cs-dji"),
    ("華為技術有限公司", "cs-huawei"),
    ("ＨＩＫＶＩＳＩＯＮ", "cs-hikvision"),
    ("ＳＥＮＳＥＴＩＭＥ　ＧＲＯＵＰ", "cs-sensetime"),
    ("新疆熙菱信息技術", "cs-xinjiang-sailing"),
    ("中國電子科技集團", "cs-cetc"),
    ("河北遠東通信", "cs-hbfec"),
    ("深網視界", "cs-sensenets"),
    ("天地偉業", "cs-tiandy"),
    ("ｉＦＬＹＴＥＫ　ＣＯ　ＬＴＤ－Ａ", "cs-iflytek"),
]

PINYIN = [
    ("Haikang Weishi", "cs-hikvision"),
    ("Hangzhou Haikang Weishi Shuzi Jishu", "cs-hikvision"),
    ("Hangzhou Haikang Weishi Shuzi Jishu Gufen Youxian Gongsi", "cs-hikvision"),
    ("Zhejiang Dahua Jishu", "cs-dahua"),
    ("Keda Xunfei", "cs-iflytek"),
    ("Kuangshi Keji", "cs-megvii"),
    ("Shangtang Keji", "cs-sensetime"),
    ("Yitu Keji", "cs-yitu"),
    ("Meiya Baike", "cs-meiya-pico"),
    ("Yuncong Keji", "cs-cloudwalk"),
    ("Dongfang Wangli", "cs-netposa"),
    ("Yuntian Lifei", "cs-intellifusion"),
    ("Liang Jishu", "cs-leon"),
    ("Zhongke Shuguang", "cs-dawning"),
    ("Dajiang Chuangxin", "cs-dji"),
    ("Shenwang Shijie", "cs-sensenets"),
    ("Tiandi Weiye", "cs-tiandy"),
    ("Xinjiang Xiling Xinxi Jishu", "cs-xinjiang-sailing"),
    ("Huawei Jishu", "cs-huawei"),
    ("Shenzhen Dajiang Chuangxin Keji", "cs-dji"),
    ("Xiamen Meiya Baike Xinxi", "cs-meiya-pico"),
    ("Shenzhen Yuntian Lifei Jishu", "cs-intellifusion"),
    ("Beijing Kuangshi Keji", "cs-megvii"),
    ("Hebei Yuandong Tongxin", "cs-hbfec"),
    ("Xinjiang Shengchan Jianshe Bingtuan", "cs-xpcc"),
]

BRAND_SUB = [
    ("EZVIZ", "cs-hikvision"),
    ("EZVIZ Inc.", "cs-hikvision"),
    ("Ezviz", "cs-hikvision"),
    ("EZVIZ Network Co., Ltd.", "cs-ezviz"),  # Hikvision's listed subsidiary, recorded itself
    ("Face++", "cs-megvii"),
    ("Megvii Face++", "cs-megvii"),
    ("Shenzhen SenseTime Technology Co., Ltd.", "cs-sensetime-shenzhen"),
    ("SenseNets", "cs-sensenets"),
    ("Shenzhen SenseNets Technology Co., Ltd.", "cs-sensenets"),
    ("HBFEC", "cs-hbfec"),
    ("XPCC Public Security Bureau", "cs-xpcc-psb"),
    ("Xinjiang Production and Construction Corps Public Security Bureau", "cs-xpcc-psb"),
    ("Beijing Liuhe BGI", "cs-bgi-liuhe"),
    ("Xinjiang Silk Road BGI", "cs-bgi-xinjiang"),
    ("CAEIT", "cs-caeit"),
    ("Hebei Far East Communication", "cs-hbfec"),
    ("Sugon Information Industry", "cs-dawning"),
    ("Yun Cong Technology", "cs-cloudwalk"),
    ("Guangzhou Yunshang Information Technology", "cs-cloudwalk"),
]

IDENTIFIER = [
    (("isin", "CNE100000PM8"), "cs-hikvision"),
    (("isin", "CNE100001TW7"), "cs-dawning"),
    (("isin", "CNE100002Q17"), "cs-leon"),
    (("isin", "CNE100001S40"), "cs-netposa"),
    (("isin", "CNE100001120"), "cs-meiya-pico"),
    (("uscc", "91330000733796106P"), "cs-hikvision"),
    (("uscc", "914403007954257495"), "cs-dji"),
    (("uscc", "91110000710929498G"), "cs-cetc"),
    (("uscc", "914401153314442716"), "cs-cloudwalk"),
    (("uscc", "914403001922038216"), "cs-huawei"),
    (("ticker", "002415.SZ"), "cs-hikvision"),
    (("ticker", "002236 CH"), "cs-dahua"),
    (("ticker", "002230 CH"), "cs-iflytek"),
    (("ticker", "300188.SZ"), "cs-meiya-pico"),
    (("ticker", "0020.HK"), "cs-sensetime"),
    (("ticker", "688327.SH"), "cs-cloudwalk"),
    (("ticker", "603019 CH"), "cs-dawning"),
    (("ticker", "300603.SZ"), "cs-leon"),
    (("ticker", "300367.SZ"), "cs-netposa"),
    (("ticker", "688343.SH"), "cs-intellifusion"),
    (("ticker", "300479.SZ"), "cs-sensingtech"),
    (("isin", "HK0941009539"), "ofac-30923"),
    (("isin", "CNE1000009T1"), "ofac-30959"),
    (("isin", "CNE000000SM3"), "ofac-30934"),
    (("isin", "CNE100002896"), "ofac-30958"),
    (("isin", "CNE100001TY3"), "ofac-32077"),
    (("isin", "CNE1000036L1"), "ofac-32028"),
    (("isin", "US16941M1099"), "ofac-30923"),
    (("isin", "HK0883013259"), "ofac-30926"),
    (("ticker", "0941 HK"), "ofac-30923"),
    (("ticker", "883 HK"), "ofac-30926"),
    (("ticker", "601186 CH"), "ofac-30959"),
    (("ticker", "600118.SS"), "ofac-30934"),
    (("ticker", "688981.SS"), "ofac-30951"),
    (("isin", "US0378331005"), ""),
    (("ticker", "002690.SZ"), ""),
    (("uscc", "91340100610301549Y"), ""),
]

# Real listed or operating companies whose names resemble a registry entity's; none is related.
NEGATIVE_ZH = [
    "沧州大化",
    "沧州大化股份有限公司",
    "大华银行",
    "大华银行有限公司",
    "大华农",
    "科达制造",
    "科达制造股份有限公司",
    "科达洁能",
    "易鑫集团",
    "易鑫集团有限公司",
    "美亚光电",
    "合肥美亚光电技术股份有限公司",
    "立昂微",
    "杭州立昂微电子股份有限公司",
    "曙光股份",
    "辽宁曙光汽车集团股份有限公司",
    "科大智能",
    "科大智能科技股份有限公司",
    "科大国创",
    "科大国创软件股份有限公司",
    "依顿电子",
    "广东依顿电子科技股份有限公司",
    "天地科技",
    "天地科技股份有限公司",
    "东方通",
    "北京东方通科技股份有限公司",
    "神州数码",
    "神州数码集团股份有限公司",
    "东方财富",
    "华微电子",
    "中兴通讯",
    "海信视像",
]

NEGATIVE_EN = [
    ("Sensata Technologies Holding PLC", ""),
    ("Sensata Technologies", ""),
    ("Sensient Technologies Corp", "US"),
    ("Hikma Pharmaceuticals PLC", ""),
    ("Hikari Tsushin Inc", "JP"),
    ("Leon's Furniture Limited", "CA"),
    ("Leonardo SpA", "IT"),
    ("Cloudflare Inc", ""),
    ("CloudWalk Inc", "BR"),
    ("NetApp Inc", ""),
    ("NetSol Technologies Inc", "US"),
    ("Intellicheck Inc", ""),
    ("Flytech Technology Co Ltd", "TW"),
    ("Megmeet Electrical Co Ltd", ""),
    ("Megaport Ltd", "AU"),
    ("Yixin Group Ltd", ""),
    ("Keda Industrial Group Co Ltd", ""),
    ("Keda Clean Energy Co Ltd", ""),
    ("Cangzhou Dahua Co Ltd", ""),
    ("United Overseas Bank Ltd", "SG"),
    ("Guangdong Dahuanong Animal Health Products Co Ltd", ""),
    ("CoStar Group Inc", "US"),
    ("Tiandi Science & Technology Co Ltd", ""),
    ("DJO Global Inc", "US"),
    ("Hangzhou Digital Technology Co", ""),
    ("Hefei Meyer Optoelectronic Technology Inc", ""),
    ("Hangzhou Lion Microelectronics Co Ltd", ""),
    ("Liaoning SG Automotive Group Co Ltd", ""),
    ("Hisense Visual Technology Co Ltd", ""),
    ("East Money Information Co Ltd", ""),
    ("Jilin Sino-Microelectronics Co Ltd", ""),
    ("Huaneng Power International Inc", ""),
]


# --- Issue 12: classes of real names, each split into the part the rules were written
# from ("dev") and a part held out until the rules were done ("held-out"). Rows are
# (query, expected, country); expected "" is a hard negative that must match nothing.

NEW_CLASSES: dict[str, dict[str, list[tuple[str, str, str]]]] = {
    # 1. Han queries are decided by characters: a homophone is not the company.
    "homophone": {
        "dev": [
            ("华纬科技", "", ""),  # a spring maker; reads "hua wei" like 华为
            ("华纬科技股份有限公司", "", ""),
            ("沧州大化集团有限责任公司", "", ""),  # reads "da hua" like 大华
            ("大华技术股份有限公司", "cs-dahua", ""),
            ("海康威视数字技术股份有限公司", "cs-hikvision", ""),
            # A subsidiary known only in Latin script ("Dahua Technology USA Inc.") is
            # compared with the characters of its group's Chinese name (大华).
            ("大化集团有限责任公司", "", ""),  # Dalian Chemical Industry: 大化 is not 大华
            ("大华技术", "cs-dahua", ""),
            ("浙江大华", "cs-dahua", ""),
        ],
        "held-out": [
            ("达华智能", "", ""),  # Fujian Dahua Intelligent, 002512: reads "da hua"
            ("福建达华智能科技股份有限公司", "", ""),
            ("深圳市亿图软件有限公司", "", ""),  # Edraw: reads "yi tu" like 依图
            ("东方网络", "", ""),  # former A-share short name, not 东方网力
            ("科大讯飞股份", "cs-iflytek", ""),
            ("依图网络科技", "cs-yitu", ""),
            ("沧州大化TDI有限责任公司", "", ""),  # a Cangzhou Dahua subsidiary
            ("大华会计师事务所", "", ""),  # Da Hua CPA: the same characters, another trade
            ("大华银行", "", ""),  # United Overseas Bank's Chinese name
            ("大江股份", "", ""),  # Shanghai Dajiang, food: reads "da jiang" like 大疆
            ("上海大江(集团)股份有限公司", "", ""),
            ("深圳市大疆百旺科技有限公司", "cs-dji-baiwang", ""),
            ("大华股份", "cs-dahua", ""),
            ("浙江大华技术股份有限公司", "cs-dahua", ""),
        ],
    },
    # 2. Common words and phrases do not make a trade name distinctive.
    "generic_phrase": {
        "dev": [
            ("FAR EAST HORIZON LTD", "", "HK"),
            ("Far East Horizon Limited", "", ""),
            ("Great Wall Motor Co Ltd", "", ""),
            ("Huatai Securities Co Ltd", "", ""),
            ("Hongda Xingye Co Ltd", "", ""),
            ("China Eastern Airlines Corp Ltd", "", ""),
            ("Dongfang Electric Corp Ltd", "", ""),
            ("Hebei Far East Communication", "cs-hbfec", ""),
        ],
        "held-out": [
            ("Far Eastern New Century Corp", "", "TW"),
            ("Far East Consortium International Ltd", "", "HK"),
            ("Great Wall Enterprise Co Ltd", "", "TW"),
            ("China Great Wall Securities Co Ltd", "", ""),
            ("Huatai PineBridge Investments", "", ""),
            ("Sichuan Hongda Co Ltd", "", ""),
            ("Eastern Co", "", "US"),
            ("Orient Securities Co Ltd", "", ""),
            ("HEBEI FAR EAST COMMUNICATION SYSTEM ENGINEERING", "cs-hbfec", ""),
        ],
    },
    # 3. A foreign affiliate named after a listed company; a shared word is not enough.
    "affiliate": {
        "dev": [
            ("Hikvision USA Inc.", "cs-hikvision-usa", "US"),  # recorded subsidiary
            ("Dahua Technology UK Ltd", "cs-dahua", "GB"),
            ("Huawei Technologies (UK) Co. Ltd", "cs-huawei", "GB"),
            ("DJI Europe B.V.", "cs-dji", "NL"),
            ("Sensata Technologies Inc", "", "US"),
            ("Dahua Securities Co Ltd", "", "CN"),
        ],
        "held-out": [
            ("Hikvision Europe B.V.", "cs-hikvision-europe", "NL"),  # recorded subsidiary
            ("Hikvision Deutschland GmbH", "cs-hikvision", "DE"),
            ("Dahua Technology Italy S.r.l.", "cs-dahua", "IT"),
            ("Huawei Technologies Japan K.K.", "cs-huawei", "JP"),
            ("Huawei Technologies Canada Co., Ltd.", "cs-huawei", "CA"),
            ("SenseTime Japan Ltd", "cs-sensetime", "JP"),
            ("Hikma Pharmaceuticals USA Inc.", "", "US"),
            ("Megmeet USA Inc", "", "US"),
            ("Leonardo DRS Inc", "", "US"),
            ("NetApp UK Ltd", "", "GB"),
        ],
    },
    # 4. Incorporated offshore, operating in China: no country conflict.
    "incorporation": {
        "dev": [
            ("SenseTime Group Inc.", "cs-sensetime", "KY"),
            ("Megvii Technology Limited", "cs-megvii", "KY"),
            ("Yitu Limited", "cs-yitu", "KY"),
        ],
        "held-out": [
            ("SENSETIME GROUP INC-CL B", "cs-sensetime", "KY"),
            ("SenseTime Group Limited", "cs-sensetime", "HK"),
            ("MEGVII TECHNOLOGY LTD", "cs-megvii", "KY"),
            ("HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO LTD", "cs-hikvision", "HK"),
            ("Leon Technology Co Ltd", "cs-leon", "BM"),
        ],
    },
    # 5. Exchange short names with status markers.
    "exchange_marker": {
        "dev": [
            ("云从科技-UW", "cs-cloudwalk", ""),
            ("云从科技－ＵＷ", "cs-cloudwalk", ""),
            ("XD科达制", "", ""),
            # Short names that drop the line of business (HKEX weighted-voting-rights and
            # secondary listings: 商汤－Ｗ, 小米集团－Ｗ); 商汤-W itself is a zh_short case.
            ("云从-UW", "cs-cloudwalk", ""),
            ("大华-W", "", ""),  # a trade name many companies use
            ("华纬-W", "", ""),  # reads like 华为
            ("小米集团－Ｗ", "", ""),  # Xiaomi, HKEX 1810
        ],
        "held-out": [
            ("XD海康威", "cs-hikvision", ""),
            ("XD中科曙", "cs-dawning", ""),
            ("格灵深瞳-U", "cs-geling", ""),
            ("N云天励飞-U", "cs-intellifusion", ""),
            ("*ST曙光", "", ""),  # Liaoning SG Automotive under special treatment, not Sugon
            ("ST大化", "", ""),
            ("商汤－ＷＲ", "cs-sensetime", ""),  # the RMB counter of HKEX 0020
            ("云从-U", "cs-cloudwalk", ""),
            ("云从－ＵＷ", "cs-cloudwalk", ""),
            ("美团－Ｗ", "", ""),
            ("快手－Ｗ", "", ""),
            ("百度集团－ＳＷ", "", ""),
            ("阿里巴巴－ＳＷ", "", ""),
            ("京东集团－ＳＷ", "", ""),
            ("蔚来－ＳＷ", "", ""),
            ("大化-W", "", ""),  # not 大华
            ("电科-W", "", ""),  # shared by the CETC companies (中国电科, 电科数字)
            ("云从-SW", "", ""),  # an HKEX marker; CloudWalk is listed in Shanghai only
            ("旷视-W", "", ""),  # Megvii is not listed: a marker is no evidence for it
            ("华为-W", "", ""),
        ],
    },
    # 6. Found by a former name, or by the current one.
    "former_name": {
        "dev": [
            ("Guizhou Liyuan Hydraulic Co., Ltd.", "ofac-32053", ""),
            ("Dongan Heibao Co., Ltd.", "ofac-32056", ""),
            ("Zhejiang Nanyang Technology Co Ltd", "ofac-32084", ""),
            ("AVIC Heavy Machinery Co Ltd", "ofac-32053", ""),
        ],
        "held-out": [
            ("Fengfan Co., Ltd.", "ofac-32106", ""),
            ("Long March Launch Vehicle Technology Co Ltd", "ofac-32085", ""),
            ("China AVIC Electronics Co Ltd", "ofac-32090", ""),
            ("Tontec Technology Investment Group Co Ltd", "ofac-32082", ""),
            ("Lida Optical & Electronic Co Ltd", "ofac-32107", ""),
            ("China United Telecommunications Corp", "ofac-30942", ""),
            ("Baotou Beifang Chuangye Co Ltd", "ofac-32078", ""),
        ],
    },
    # 7. Several names in one query, scored on the best part.
    "several_names": {
        "dev": [
            ("SenseTime / 商汤", "cs-sensetime", ""),
            ("Hikvision (EZVIZ)", "cs-hikvision", ""),
            ("Sensata / Sensient", "", ""),
        ],
        "held-out": [
            ("iFLYTEK / 科大讯飞", "cs-iflytek", ""),
            ("Zhejiang Dahua Technology; 大华股份", "cs-dahua", ""),
            ("Sugon (Dawning Information Industry)", "cs-dawning", ""),
            ("Megvii (Face++)", "cs-megvii", ""),
            ("EZVIZ / 萤石", "cs-hikvision", ""),
            ("Cloudflare / Cloudinary", "", ""),
            ("Sensata Technologies (Sensata)", "", ""),
        ],
    },
}


def rows() -> list[dict[str, str]]:
    out: list[dict[str, str]] = []

    def add(kind: str, query: str, expected: str, **extra: str) -> None:
        row = {
            "id": f"{kind}-{sum(1 for r in out if r['kind'] == kind) + 1:03d}",
            "kind": kind,
            "query": query,
            "isin": "",
            "ticker": "",
            "uscc": "",
            "country": "",
            "expected": expected,
            "part": "",
        }
        row.update(extra)
        out.append(row)

    for table, kind in (
        (FUND_EN, "fund_en"),
        (SUPPLIER_EN, "supplier_en"),
        (ZH_FULL, "zh_full"),
        (ZH_SHORT, "zh_short"),
        (ZH_VARIANT, "zh_variant"),
        (PINYIN, "pinyin"),
        (BRAND_SUB, "brand_subsidiary"),
    ):
        for query, expected in table:
            add(kind, query, expected)
    for (scheme, value), expected in IDENTIFIER:
        add("identifier", "", expected, **{scheme: value})
    for query in NEGATIVE_ZH:
        add("negative_zh", query, "")
    for query, country in NEGATIVE_EN:
        add("negative_en", query, "", country=country)
    for kind, splits in NEW_CLASSES.items():
        for part, named in splits.items():
            for query, expected, country in named:
                add(kind, query, expected, country=country, part=part)
    return out


if __name__ == "__main__":
    target = Path(__file__).with_name("cases.csv")
    data = rows()
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(data[0]))
        writer.writeheader()
        writer.writerows(data)
    print(f"wrote {len(data)} cases to {target}")
