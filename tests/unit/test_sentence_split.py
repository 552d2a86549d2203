"""One sentence splitter for the caller's lines, the LLM caller's stream and the voice."""

from sim_core.caller.sentences import split_sentences as caller_split
from sim_core.sentence_split import SentenceStream, split_sentences
from sim_core.speech.tts import split_sentences as tts_split


def test_sentences_keep_their_punctuation_and_order():
    assert split_sentences("Help! He fell. Is he ok?") == ["Help!", "He fell.", "Is he ok?"]
    assert split_sentences('She said "run!" Then nothing.') == ['She said "run!"', "Then nothing."]
    assert split_sentences("Oh God.\nHe's blue") == ["Oh God.", "He's blue"]
    assert split_sentences("   ") == [] and split_sentences("No end") == ["No end"]


def test_abbreviations_initials_and_lower_case_continuations_do_not_end_a_sentence():
    assert split_sentences("It's 2210 Birch Lane, Apt. 4B. Hurry!") == ["It's 2210 Birch Lane, Apt. 4B.", "Hurry!"]
    assert split_sentences("Mr. Smith from St. Mary's said so. He's 54.") == [
        "Mr. Smith from St. Mary's said so.",
        "He's 54.",
    ]
    assert split_sentences("He fell at 3 p.m. and hit his head. John F. Kennedy Road.") == [
        "He fell at 3 p.m. and hit his head.",
        "John F. Kennedy Road.",
    ]
    assert split_sentences("I don't know... he just fell. Please.") == ["I don't know... he just fell.", "Please."]
    assert split_sentences("I did it. A man ran.") == ["I did it.", "A man ran."]


def test_the_whole_project_uses_the_same_splitter():
    text = "Mr. Lee is on the floor. He isn't moving! Please hurry."
    assert (
        caller_split(text) == split_sentences(text) == ["Mr. Lee is on the floor.", "He isn't moving!", "Please hurry."]
    )
    assert tts_split(text, first_chunk_max_words=99) == split_sentences(text)


def test_a_stream_hands_on_each_sentence_once_the_next_word_shows_it_ended():
    s = SentenceStream()
    assert s.feed("Oh God") == []
    assert s.feed(", please!") == []  # not sure yet: "!" could be "!!"
    assert s.feed(" ") == []  # nor yet: the next word could be lower case
    assert s.feed("It's") == ["Oh God, please!"]
    assert s.feed(" 1425 Oak St. He") == []  # "St." is a street, not an end
    assert s.feed("'s at Apt. 4. Not") == ["It's 1425 Oak St. He's at Apt. 4."]
    assert s.feed(" breathing...") == []
    assert s.flush() == ["Not breathing..."]
    assert s.flush() == []


def test_streamed_and_whole_text_split_alike():
    text = "Okay. I'm at 12 Elm St. near the park. Dr. Brown is here! He says hi... and leaves."
    s = SentenceStream()
    pieces = [text[i : i + 3] for i in range(0, len(text), 3)]
    got = [x for p in pieces for x in s.feed(p)] + s.flush()
    assert got == split_sentences(text)


def test_no_is_an_answer_unless_a_number_follows():
    assert split_sentences("No. Well... we have a cat.") == ["No.", "Well... we have a cat."]
    assert split_sentences("It's No. 5 on the list. Hurry.") == ["It's No. 5 on the list.", "Hurry."]
