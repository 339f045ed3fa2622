"""Word lists for company names: legal forms, share classes, abbreviations, generic words.

English and Chinese side by side. Generic words ("technology", 科技) describe a line of
business rather than name a company, so they count for little in a match; the Chinese ones
carry an English gloss so a Han name and its English rendering can be compared.
"""

from __future__ import annotations

# fmt: off

LEGAL_FORMS: frozenset[str] = frozenset({
    "ab", "ag", "ao", "asa", "bhd", "bv", "cie", "cjsc", "co", "companies", "company",
    "corp", "corporation", "cv", "de", "gk", "gmbh", "gongsi", "gufen", "inc",
    "incorporated", "joint", "jsc", "kft", "kk", "lda", "liability", "limited", "llc",
    "llp", "lp", "lt", "ltd", "ltda", "ltee", "nv", "oao", "ojsc", "ooo", "oy", "oyj",
    "pjsc", "plc", "private", "pte", "pty", "public", "pvt", "sa", "sab", "sarl", "sas",
    "sdn", "se", "spa", "srl", "stock", "tbk", "yk", "youxian", "zao", "zeren", "zrt",
})
"""Tokens of legal forms in many jurisdictions (and their pinyin); removed before comparing
names."""

LEGAL_FORMS_NEEDING_COMPANY: frozenset[str] = frozenset({
    "ab", "ao", "de", "joint", "liability", "private", "public", "se", "stock",
})
"""Legal-form tokens that are only stripped next to another legal-form token
("public company limited", "joint stock company"): alone they may be part of the name."""

SHARE_CLASS: frozenset[str] = frozenset({
    "144a", "a", "adr", "ads", "b", "c", "cdr", "cl", "class", "com", "common", "dr",
    "eqty", "equity", "gdr", "h", "n", "new", "npv", "nvdr", "old", "ord", "ordinary", "p",
    "pfd", "pref", "r", "r1", "reg", "registered", "rights", "rts", "s", "sh", "share",
    "shares", "shs", "spon", "sponsored", "sr", "sw", "u", "unit", "units", "unspon", "uw", "wd",
    "unsponsored", "w", "warrant", "warrants", "wts", "x", "y", "z",
})
"""Tokens at the end of fund-file security names that name the share class or the kind of
security ("-A", "CL B", "SPON ADR", "-W"), not the issuer. Stripped only from the end."""

ABBREVIATIONS: dict[str, str] = {
    "tech": 'technology', "techn": 'technology', "technol": 'technology',
    "technolog": 'technology', "technologies": 'technology',
    "technological": 'technology', "tec": 'technology',
    "technolo": 'technology', "technologi": 'technology', "info": 'information',
    "inform": 'information', "informat": 'information', "infor": 'information',
    "ind": 'industry', "inds": 'industry', "indl": 'industry',
    "indus": 'industry', "industr": 'industry', "industries": 'industry',
    "industrial": 'industry', "indust": 'industry', "intl": 'international',
    "internat": 'international', "internatl": 'international', "grp": 'group',
    "gp": 'group', "groups": 'group', "hldgs": 'holdings', "hldg": 'holdings',
    "hld": 'holdings', "hlds": 'holdings', "holding": 'holdings',
    "hold": 'holdings', "hlgs": 'holdings', "elec": 'electronics',
    "electr": 'electronics', "electron": 'electronics',
    "electronic": 'electronics', "electrn": 'electronics',
    "elect": 'electronics', "comm": 'communication', "comms": 'communication',
    "commun": 'communication', "communications": 'communication',
    "telecommunications": 'telecommunication', "telecom": 'telecommunication',
    "telecomm": 'telecommunication', "sys": 'system', "systems": 'system',
    "syst": 'system', "sci": 'science', "sciences": 'science',
    "scientific": 'science', "dev": 'development', "devt": 'development',
    "devel": 'development', "developments": 'development', "svcs": 'services',
    "svc": 'services', "srvces": 'services', "serv": 'services',
    "service": 'services', "servs": 'services', "mfg": 'manufacturing',
    "manufacture": 'manufacturing', "manufacturer": 'manufacturing',
    "manuf": 'manufacturing', "intell": 'intelligent',
    "intelligence": 'intelligent', "smart": 'intelligent', "digi": 'digital',
    "netw": 'network', "networks": 'network', "softw": 'software',
    "equip": 'equipment', "mach": 'machinery', "machine": 'machinery',
    "eng": 'engineering', "engr": 'engineering', "engg": 'engineering',
    "constr": 'construction', "invest": 'investment',
    "investments": 'investment', "inv": 'investment', "invt": 'investment',
    "mgmt": 'management', "mgt": 'management', "natl": 'national',
    "pharm": 'pharmaceutical', "pharma": 'pharmaceutical',
    "pharmaceuticals": 'pharmaceutical', "matl": 'materials',
    "material": 'materials', "res": 'research', "inst": 'institute',
    "univ": 'university', "acad": 'academy', "solution": 'solutions',
    "product": 'products', "resource": 'resources', "enterprises": 'enterprise',
    "innovative": 'innovation', "innovations": 'innovation',
    "secur": 'security', "electrical": 'electric', "semicon": 'semiconductor',
    "semiconductors": 'semiconductor', "optoelectronic": 'optoelectronics',
    "automotive": 'auto', "automobile": 'auto', "trade": 'trading',
    "internet": 'internet', "datas": 'data',

}
"""Abbreviations and inflections found in fund files and registries → canonical word."""

PINYIN_GENERIC: dict[str, str] = {
    "jishu": 'technology', "keji": 'technology', "xinxi": 'information',
    "shuzi": 'digital', "dianzi": 'electronics', "wangluo": 'network',
    "tongxin": 'communication', "zhineng": 'intelligent',
    "ruanjian": 'software', "shuju": 'data', "anquan": 'security',
    "xitong": 'system', "gongcheng": 'engineering', "zhizao": 'manufacturing',
    "shiye": 'industry', "gongye": 'industry', "chanye": 'industry',
    "fazhan": 'development', "touzi": 'investment', "maoyi": 'trading',
    "shebei": 'equipment', "jixie": 'machinery', "jianshe": 'construction',
    "fuwu": 'services', "chuangxin": 'innovation', "yanjiusuo": 'institute',
    "yanjiuyuan": 'institute', "kexue": 'science', "daxue": 'university',
    "guoji": 'international', "jituan": 'group', "konggu": 'holdings',
    "shuma": 'digital', "guangdian": 'optoelectronics',
    "bandaoti": 'semiconductor', "yiyao": 'pharmaceutical', "shengwu": 'bio',
    "nengyuan": 'energy', "dianli": 'power', "cailiao": 'materials',
    "wuliu": 'logistics', "jiyin": 'genetics', "gongan": 'police',

}
"""Pinyin spellings of generic words ("Haikang Weishi Shuzi Jishu") → canonical word."""

GENERIC: frozenset[str] = frozenset({
    "academy", "aerospace", "affiliate", "agriculture", "ai", "aircraft", "appliance",
    "appliances", "application", "applications", "association", "auto", "autonomous",
    "aviation", "avionics", "bank", "bio", "biotechnology", "branch", "bureau", "business",
    "capital", "center", "centre", "chemical", "city", "cloud", "college", "commercial",
    "committee", "communication", "computer", "construction", "consulting", "control",
    "corps", "council", "county", "culture", "data", "defence", "defense", "department",
    "development", "digital", "economic", "education", "electric", "electron",
    "electronics", "energy", "engineering", "enterprise", "equipment", "estate", "finance",
    "financial", "first", "food", "fund", "gene", "general", "genetics", "genomics",
    "global", "government", "group", "health", "holdings", "imaging", "industry",
    "information", "innovation", "institute", "instrument", "instruments", "insurance",
    "integration", "intelligent", "international", "internet", "investment", "iot", "lab",
    "laboratory", "logistics", "machinery", "management", "manufacturing", "marine",
    "materials", "measurement", "measuring", "media", "medical", "microelectronics",
    "military", "mining", "ministry", "municipal", "national", "navigation", "network",
    "new", "nuclear", "office", "offshore", "operations", "optoelectronics", "optronic",
    "optronics", "partners", "people", "peoples", "pharmaceutical", "police", "power",
    "production", "products", "province", "provincial", "public", "railway", "real",
    "region", "regional", "research", "resources", "satellite", "science", "securities",
    "security", "semiconductor", "services", "shipbuilding", "shipping", "software",
    "solutions", "steel", "subsidiary", "system", "technology", "telecom",
    "telecommunication", "textile", "textiles", "trading", "transportation", "trust",
    "union", "united", "university", "ventures", "video", "vision", "world",
})
"""Canonical generic words: they describe a line of business or a kind of body."""

STOPWORDS: frozenset[str] = frozenset({
    "an", "and", "at", "for", "in", "of", "on", "the", "to",
})
"""Words ignored in names."""

TRUNCATION_TARGETS: tuple[str, ...] = (
    "technology", "information", "industry", "international", "intelligent", "investment", "holdings",
    "group", "electronics", "digital", "development", "engineering", "communication", "science",
    "network", "semiconductor", "software", "system", "services", "manufacturing", "materials",
    "equipment", "machinery", "construction", "pharmaceutical", "microelectronics", "optoelectronics", "telecommunication",
    "aviation", "aerospace", "shipbuilding", "electric", "instruments", "measurement", "automation",
    "transportation", "logistics", "resources", "management", "university", "institute", "research",
    "corporation", "company",
)
"""Generic words a truncated last token ("TE", "INFORMATI") is read as, in this order."""


# --- Chinese -------------------------------------------------------------------------------


ZH_LEGAL_SUFFIXES: tuple[str, ...] = (
    "股份有限公司", "有限责任公司", "有限公司", "股份公司", "集团公司", "总公司", "分公司", "控股集团", "集团", "控股", "公司", "股份",
)
"""Chinese legal-form endings, stripped repeatedly from the end (longest first)."""

ZH_SECURITY_PREFIXES: tuple[str, ...] = (
    "S*ST", "*ST", "SST", "ST", "XD", "XR", "DR", "N", "C", "S", "U",
)
"""A-share short-name markers (special treatment, ex-dividend, new listing) before a Han name."""

ZH_SECURITY_SUFFIXES: dict[str, tuple[str, ...]] = {
    # Shanghai (STAR, main board), Shenzhen (ChiNext), Beijing: U not yet profitable,
    # W weighted voting rights, D a variable-interest (contractual control) structure.
    "UWD": ("SH", "SZ", "BJ"), "UW": ("SH", "SZ", "BJ"), "UD": ("SH", "SZ", "BJ"),
    "WD": ("SH", "SZ", "BJ"), "U": ("SH", "SZ", "BJ"), "D": ("SH", "SZ", "BJ"),
    # HKEX: S secondary listing, SW secondary listing with weighted voting rights, R the
    # RMB counter (WR, SR, SWR), P a pre-commercial specialist technology company.
    "SWR": ("HK",), "SW": ("HK",), "SR": ("HK",), "WR": ("HK",), "S": ("HK",),
    "R": ("HK",), "P": ("HK",),
    # Both: W weighted voting rights (HKEX and the mainland boards), B (an HKEX pre-revenue
    # biotech, or a mainland B share), share classes A and H.
    "W": (), "B": (), "A": (), "H": (),
}
"""Exchange short-name markers after a Han name ("商汤－Ｗ", "云从科技-UW"), with the exchanges
that use each (empty: any). Every one marks a listed company."""

ZH_GENERIC: dict[str, tuple[str, ...]] = {
    "数字技术": ('digital', 'technology'), "信息技术": ('information', 'technology'),
    "网络技术": ('network', 'technology'), "智能科技": ('intelligent', 'technology'),
    "电子科技": ('electronics', 'technology'),
    "信息科技": ('information', 'technology'), "科学技术": ('science', 'technology'),
    "信息产业": ('information', 'industry'), "创新科技": ('innovation', 'technology'),
    "网络科技": ('network', 'technology'), "数码科技": ('digital', 'technology'),
    "智能系统": ('intelligent', 'system'), "安全系统": ('security', 'system'),
    "通信系统": ('communication', 'system'), "系统工程": ('system', 'engineering'),
    "研究院": ('institute',), "研究所": ('institute',), "科学院": ('academy', 'science'),
    "数字": ('digital',), "技术": ('technology',), "科技": ('technology',),
    "信息": ('information',), "电子": ('electronics',), "网络": ('network',),
    "通信": ('communication',), "通讯": ('communication',), "智能": ('intelligent',),
    "软件": ('software',), "数据": ('data',), "安全": ('security',),
    "安防": ('security',), "系统": ('system',), "工程": ('engineering',),
    "制造": ('manufacturing',), "实业": ('industry',), "工业": ('industry',),
    "产业": ('industry',), "发展": ('development',), "投资": ('investment',),
    "贸易": ('trading',), "设备": ('equipment',), "机械": ('machinery',),
    "建设": ('construction',), "建筑": ('construction',), "服务": ('services',),
    "创新": ('innovation',), "光电": ('optoelectronics',),
    "半导体": ('semiconductor',), "微电子": ('microelectronics',),
    "研究": ('research',), "科学": ('science',), "学院": ('college',),
    "大学": ('university',), "互联网": ('internet',), "物联网": ('iot',),
    "数码": ('digital',), "电气": ('electric',), "电器": ('electric',),
    "医药": ('pharmaceutical',), "生物": ('bio',), "能源": ('energy',),
    "电力": ('power',), "新材料": ('materials',), "材料": ('materials',),
    "国际": ('international',), "环球": ('global',), "航空": ('aviation',),
    "航天": ('aerospace',), "汽车": ('auto',), "物流": ('logistics',),
    "传媒": ('media',), "文化": ('culture',), "金融": ('finance',),
    "证券": ('securities',), "资本": ('capital',), "管理": ('management',),
    "咨询": ('consulting',), "基因": ('genetics',), "纺织": ('textile',), "色纺": ('textile',), "纺织品": ('textile',),
    "银行": ('bank',), "保险": ('insurance',), "房地产": ('real', 'estate'), "地产": ('real', 'estate'),
    "公安厅": ('public', 'security', 'department'),
    "公安局": ('public', 'security', 'bureau'), "公安": ('public', 'security'),
    "警察": ('police',), "兵团": ('corps',), "生产": ('production',),
    "集成": ('integration',), "视讯": ('video',), "视频": ('video',),
    "影像": ('imaging',), "人工智能": ('ai',), "计算机": ('computer',), "云计算": ('cloud',),

}
"""Chinese generic terms with their English glosses, matched longest first at the end of the
name once legal forms are removed ("海康威视|数字技术|股份有限公司")."""

ZH_COUNTRY_PREFIXES: tuple[str, ...] = (
    "中华人民共和国", "中国", "中華",
)
"""Prefixes naming the country (中国电子科技集团): weak, like a place."""

# fmt: on
