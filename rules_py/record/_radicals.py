"""Radical code points that a PDF's text layer gives for ordinary ideographs, mapped back to those ideographs.

A CJK font draws 高 and the Kangxi radical ⾼ (U+2FBC) with one glyph, so the PDF's ToUnicode map may name
either. The Kangxi radicals (U+2F00–U+2FD5) have NFKC decompositions; the CJK Radicals Supplement
(U+2E80–U+2EFF) mostly has none, so it takes the table below: Unicode's EquivalentUnifiedIdeograph.txt,
U+2E81–U+2EF3 (U+2E9A is unassigned, U+2E80 has no equivalent).
"""

import unicodedata

# Radical then its ideograph, pair after pair (some ideographs are outside the BMP, so read by code point).
_SUPPLEMENT_PAIRS = (
    "⺁厂⺂乛⺃乚⺄乙⺅亻⺆冂⺇𠘨⺈刀⺉刂⺊卜⺋㔾⺌小⺍小⺎兀⺏尣⺐尢⺑𡯂⺒巳⺓幺⺔彑⺕𫜹⺖忄⺗心⺘扌⺙攵⺛旡⺜日⺝月"
    "⺞歺⺟母⺠民⺡氵⺢氺⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王⺪𤴔⺫目⺬示⺭礻⺮𥫗⺯糹⺰纟⺱罓⺲罒⺳㓁⺴冗⺵𦉫⺶羊⺷𦍌"
    "⺸𦍋⺹耂⺺肀⺻聿⺼肉⺽𦥑⺾艹⺿艹⻀艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻌辶⻍辶⻎辶⻏邑⻐钅⻑長⻒镸"
    "⻓长⻔门⻕𨸏⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯"
    "⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟"
)
_TABLE = {ord(radical): ideograph for radical, ideograph in zip(_SUPPLEMENT_PAIRS[::2], _SUPPLEMENT_PAIRS[1::2])}
_TABLE.update({code: unicodedata.normalize("NFKC", chr(code)) for code in range(0x2F00, 0x2FD6)})


def ideographs(text: str) -> str:
    """text with each radical code point replaced by its ideograph; everything else as it was."""
    return text.translate(_TABLE)
