"""Traditional and simplified characters (OpenCC), both ways."""

from engine.chinese_script import in_script_of, is_traditional, to_simplified, to_traditional


def test_conversion_both_ways_by_phrase():
    assert to_simplified("風吹楊柳千條綠") == "风吹杨柳千条绿"
    assert to_traditional("雨打梨花万点红") == "雨打梨花萬點紅"
    assert to_simplified("乾隆年間，天氣乾燥") == "乾隆年间，天气干燥"  # a phrase table, not a character map


def test_the_answer_goes_back_in_the_script_typed():
    assert is_traditional("風吹楊柳千條綠") and not is_traditional("风吹杨柳千条绿")
    assert not is_traditional("千山")  # the same in both scripts: simplified answers stay
    assert in_script_of("風吹楊柳千條綠", "雨打梨花万点红") == "雨打梨花萬點紅"
    assert in_script_of("风吹杨柳千条绿", "雨打梨花万点红") == "雨打梨花万点红"
