"""Traditional and simplified characters (OpenCC), both ways."""

from engine.chinese_script import to_simplified, to_traditional


def test_conversion_both_ways_by_phrase():
    assert to_simplified("風吹楊柳千條綠") == "风吹杨柳千条绿"
    assert to_traditional("雨打梨花万点红") == "雨打梨花萬點紅"
    assert to_simplified("乾隆年間，天氣乾燥") == "乾隆年间，天气干燥"  # a phrase table, not a character map
    assert to_simplified("千山") == "千山" == to_traditional("千山")  # the same in both scripts
