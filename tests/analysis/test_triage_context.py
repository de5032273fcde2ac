"""Triage judges phrases in context: each new kind of disclosure is flagged by the rules, text-speak and
misspellings are read, and idioms, resolved concerns and ordinary care do not alarm."""

import pytest

from analysis.triage import rule_triage, triage
from analysis.triage_context import drop_resolved, prepare, spell_out


@pytest.mark.parametrize(("text", "category"), [
    # passive suicidal thinking in casual words, hopelessness, being a burden
    ("Everyone would be happier if I just wasn't around.", "suicide"),
    ("She says she is tired of being here.", "suicide"),
    ("I'm such a burden on my family.", "suicide"),
    ("He says he doesn't deserve to be happy.", "suicide"),
    # self-harm by what was used and where
    ("She uses a compass on her arms in the toilets.", "self-harm"),
    ("He burns his hands with a lighter.", "self-harm"),
    # restraint until unable to breathe; abuse witnessed by a child
    ("Staff held him face down and he couldn't breathe.", "physical harm"),
    ("The kids heard him smashing things and screaming at me.", "domestic abuse"),
    # neglect; a child missing from school with the family not answering
    ("They keep missing her hospital appointments.", "neglect"),
    ("The little ones are left on their own all evening.", "neglect"),
    ("He has not been in school for weeks and the family don't answer the door.", "running away"),
    # exploitation and coercion
    ("Older lads give him money to take bags across town.", "exploitation"),
    ("He owes someone money and has to work it off.", "exploitation"),
])
def test_each_new_kind_of_disclosure_is_named_by_the_rules(text, category):
    result = rule_triage(text)
    assert result.flagged and category in result.categories, result


@pytest.mark.parametrize("text", [
    "i dont wanna be here no more, no1 would care",
    "he sed he wants to kil himself",
    "i cut myslef again last nite",
    "mummy's boyfriend hurts me when mummy is at work",
])
def test_text_speak_misspellings_and_a_childs_voice_are_flagged(text):
    assert triage(text).flagged


@pytest.mark.parametrize(("text", "expected"), [
    ("i dont wanna go", "i don't want to go"),
    ("no1 cares cos im rubbish", "no one cares because i'm rubbish"),
    ("he sed he wants to kil himself", "he said he wants to kill himself"),
    ("i want to dissapear", "i want to disappear"),
    ("the kiln was hot", "the kiln was hot"),  # an English word is never "corrected"
])
def test_spell_out(text, expected):
    assert spell_out(text) == expected


@pytest.mark.parametrize("text", [
    "This paperwork is killing me.",
    "My back is killing me after the trip.",
    "I could murder a coffee.",
    "He was dying to show his teacher.",
    "We nearly died laughing at the play.",
    "The phone battery died so I missed the call.",
    "He has his insulin injections at school.",
    "She is fed through a tube at lunch.",
    "The nurse did a blood test.",
    "He is never left alone at school.",
])
def test_idioms_hyperbole_and_ordinary_care_are_set_aside(text):
    assert not rule_triage(text).flagged, prepare(text)


@pytest.mark.parametrize("text", [
    "He is killing me, he hits me every night.",  # who it happens to: a person, not the paperwork
    "My husband is killing me slowly.",
    "The injections are given to sedate him when he will not calm down and he is pinned down.",
])
def test_the_same_words_about_a_person_still_alarm(text):
    assert rule_triage(text).flagged


def test_a_concern_already_dealt_with_is_set_aside_unless_it_goes_on():
    done = "The bullying was reported and dealt with. He is happy now."
    assert drop_resolved(done) == "He is happy now."
    again = "The bullying was reported and dealt with but it has started again."
    assert drop_resolved(again) == again
    assert rule_triage(again).flagged


def test_burden_on_nobody_is_not_a_disclosure_but_a_burden_on_the_family_is():
    assert not rule_triage("The wait is a burden for the council to fix.").flagged
    assert rule_triage("She feels like a burden to her mum.").flagged


def test_a_lone_idiom_prone_word_goes_to_a_person_only_when_the_model_agrees(monkeypatch):
    idiom = "Honestly this EHCP process nearly killed me but we got there."
    assert rule_triage(idiom).flagged  # the rules alone see "killed"
    assert not triage(idiom).flagged  # the model, reading the whole comment, does not find it alarming
    assert triage("He said dad killed our cat in front of him to scare him.").flagged
    assert triage("She wants to die.").flagged  # a named category is never second-guessed

    import analysis.triage_model as triage_model_module  # triage loads the model from here when it runs

    monkeypatch.setattr(triage_model_module, "shipped_model", lambda: None)
    assert triage(idiom).flagged  # without a model, recall first


# Benign readings (analysis.triage_readings): each general kind clears a benign sentence, and a near-identical
# sentence that is a disclosure is still flagged.
@pytest.mark.parametrize(("benign", "disclosure"), [
    # figurative death and violence: an emotion or a performance is the object
    ("She almost died of fright when the balloon popped.", "She almost died when he held her under the water."),
    ("He totally killed it in the rounders match.", "He totally killed it in front of her to scare her."),
    ("I'd kill for a quiet evening once the kids are in bed.", "He said he'd kill me once the kids are in bed."),
    # who or what it happens to: an animal, a device, characters
    ("Our budgie died over half term and she buried it in the garden.",
     "Our budgie died after dad strangled it in front of her."),
    ("The heating broke down and died in January.", "She has no heating and no food in January."),
    ("In the game the knights fight dragons and get killed all the time.",
     "In the park older boys fight him and he gets hurt all the time."),
    # framing: a film, a lesson, a job
    ("The cartoon was about a rabbit who runs away from the farm.",
     "He told a story about how he runs away from his dad's house."),
    ("In RE they learnt about people who were killed for their beliefs.",
     "He learnt about sex from his uncle when he was left with him."),
    ("She wants to be a police officer like her auntie.", "She wants the police to come because her uncle hits her."),
    # ordinary care by clinicians and through a tube
    ("The diabetes nurse checks his pump and his levels every term.", "The nurse pinned him down and hurt his arm."),
    ("He has his fluids through his button overnight.", "Nobody gives him his fluids through his button overnight."),
    # harmless giving from family; never with a secret, a demand or harm
    ("His granny buys him a magazine every Friday.", "His granny buys him vodka and cigarettes every Friday."),
    ("She gets birthday money from her godmother.", "She gets money from a man she met online."),
    # hunger and tiredness after an activity; never when food is missing or after contact
    ("He is famished after cubs so we have tea early.", "He is starving after contact weekends at his dad's."),
    ("She is starving by lunch because she is growing.", "She is starving by lunch because there is no breakfast."),
    # accidents on objects; hitting a thing
    ("He slipped and banged his elbow on the bench at the pool.",
     "Dad pushed him and he banged his elbow on the bench."),
    ("She hit the buzzer first in the quiz.", "She hit the baby when nobody was looking."),
    # negated harm; a burden on nobody; fear of a thing, not a person
    ("Nobody has ever hit him at his new school.", "Nobody has ever hit him like his stepdad does."),
    ("Honestly he is a burden to no one.", "Honestly he feels like a burden to everyone."),
    ("He is petrified of the hand dryers in the toilets.", "He is petrified of the man who drives his taxi."),
    # missing a person; running off to play; a harmless secret; locking a thing
    ("She is missing her best friend since the move.", "She has been missing from home since Friday."),
    ("He runs off to play with his mates at the park.", "He runs off at night with older men to the park."),
    ("They kept the surprise party a secret from her.", "He told her to keep it a secret from her mum."),
    ("He locked his scooter to the railings.", "He locked her in the shed overnight."),
    # everyday senses of risk words; a parent's "I'll kill him if"; routine medicines and hospital stays
    ("He had his booster shot on Monday.", "He was shot at on the way home on Monday."),
    ("She kicked off because the iPad ran out of charge.", "He kicked her because the iPad ran out of charge."),
    ("I'll kill him if he leaves the fridge open.", "I'll kill him if he lays a finger on her."),
    ("He takes his asthma medicine every morning.", "He takes all of his mum's medicine when she is out."),
    ("She went into hospital for an operation on her foot.", "She went into hospital with a broken arm again."),
    ("He got locked out when his key snapped in the door.", "He got locked out all night as a punishment."),
    ("He has bruises from rugby training.", "He has bruises from his dad."),
    ("Her tummy hurts when she is worried about spellings.", "Her tummy hurts where he touched her."),
    ("Our puppy bit him when they were playing tug.", "His stepdad bit him when they were playing."),
    ("She bites her nails before a spelling test.", "She bites her arms until they bleed."),
    ("He got a bloody nose from a ball at break.", "He got a bloody nose from his uncle at the weekend."),
    # more idioms, plants, things as agents, first aid, dental care, family abroad, fear on a ride (after set E)
    ("The printer is on its last legs.", "He is not being fed and is on his last legs."),
    ("She was choking back tears at the leavers' assembly.", "She was choking when he grabbed her neck."),
    ("The roses got choked by ivy.", "The baby got choked by her dad."),
    ("He was stung by a bee at sports day.", "He was kicked by a man at sports day."),
    ("They are learning first aid for burns and bleeding at cubs.", "He has burns and bleeding from his dad."),
    ("He had two fillings at the dentist and his gum bled.", "He has rotten teeth and nobody takes him to a dentist."),
    ("His aunt in Canada sends him books.", "His aunt in Canada sends him money to keep their chats a secret."),
    ("She was terrified on the rollercoaster and loved it.", "She was terrified at home when he came back drunk."),
    ("He is scared of the dark so we leave the landing light on.",
     "He is scared of the dark because that is when he comes in."),
    ("Our dog died last week and he misses her.", "Our dog died and now dad says I'm next."),
    ("He has been in the wars with chickenpox and a cold.", "He's been in the wars, dad says he fell down the stairs."),
    ("A police officer came to talk to the class about bike safety.",
     "A police officer came to talk to us about what his uncle did."),
])
def test_a_benign_reading_clears_the_everyday_sentence_but_not_the_disclosure(benign, disclosure):
    assert not triage(benign).flagged, prepare(benign)
    assert triage(disclosure).flagged, prepare(disclosure)


@pytest.mark.parametrize(("text", "category"), [
    # passive suicidal thinking and hopelessness in everyday words; neglect; restraint by sitting on a child
    ("Maybe it would be simpler if I wasn't on this earth any more.", "suicide"),
    ("i wish i could slip away 4 good", "suicide"),
    ("She keeps saying she wishes it was all over.", "suicide"),
    ("He says there's no reason to get out of bed.", "suicide"),
    ("I've given up on everything.", "suicide"),
    ("She has been imagining her own funeral.", "suicide"),
    ("I'd spare my family the hassle.", "suicide"),
    ("no1 would even care if i went", "suicide"),
    ("He often gets no breakfast and no tea.", "neglect"),
    ("Her school shoes have holes and let the rain in.", "neglect"),
    ("They never take her to the optician even though she squints.", "neglect"),
    ("Two staff kneel on him when he won't calm down.", "physical harm"),
    ("He says it's never going to get any better.", "suicide"),
    ("Why even bother getting up.", "suicide"),
    ("I can't see any future.", "suicide"),
    ("She has missed all of her eye clinic reviews this year.", "neglect"),
    ("The twins were in the house on their own for two days.", "neglect"),
    ("There is cat poo all over the floor and mould on the beds.", "neglect"),
    ("Mum shuts him in the cupboard when he cries.", "physical harm"),
])
def test_each_everyday_wording_found_after_set_d_is_named_by_the_rules(text, category):
    result = rule_triage(text)
    assert result.flagged and category in result.categories, result


def test_everyday_uses_of_the_new_wordings_do_not_alarm():
    for text in ["The rash went away for good after the cream.", "We were at the end of the film when he fell asleep.",
                 "His teacher brings him to the library on Fridays.",
                 "She sits on her own at lunch because she likes quiet."]:
        assert not rule_triage(text).flagged, text


def test_the_model_never_reads_what_is_left_of_a_sentence_a_benign_reading_came_from():
    from analysis.triage_context import model_view

    prepared = prepare("He pushes himself too hard at rugby. His stepdad makes him sleep in the car.")
    assert model_view(prepared) == "his stepdad makes him sleep in the car."


def test_the_model_can_never_clear_a_high_risk_flag(monkeypatch):
    """Even a model that scores every comment 0 clears only a lone idiom-prone word, never a named risk."""
    import numpy as np

    import analysis.triage_model as triage_model_module

    silent = triage_model_module.TriageModel(np.zeros(2 * triage_model_module.N_FEATURES), -50.0)
    monkeypatch.setattr(triage_model_module, "shipped_model", lambda: silent)
    for text in ["i just want to go to sleep and never wake up", "He touched her private parts at the club.",
                 "Her stepdad beats her with a belt.", "She burns her arms with a lighter."]:
        assert triage(text).flagged, text
    assert not triage("This week has nearly killed me.").flagged  # the lone idiom-prone word is the model's call


@pytest.mark.parametrize(("text", "kept"), [
    ("He was bored to death at the film, but his uncle makes him keep secrets.",
     "but his uncle makes him keep secrets."),
    ("Our dog died last week - nobody at home talks to her now.", "nobody at home talks to her now."),
    ("She pushes herself too hard in PE because her stepdad says she is useless.",
     "because her stepdad says she is useless."),
])
def test_the_model_skips_only_the_clause_a_benign_reading_explains(text, kept):
    from analysis.triage_context import model_view

    assert model_view(prepare(text)) == kept


@pytest.mark.parametrize("text", [
    "He pushes himself too hard in PE, but at home nobody speaks to him for days and he sleeps in his coat.",
    "She was bored to death in the lesson because she had not slept, she sleeps on the floor with no blanket.",
])
def test_a_disclosure_sharing_a_sentence_with_a_benign_clause_is_still_flagged_by_the_model(text):
    """No rule names these disclosures; the learned model must still read the clause the reading does not explain."""
    from analysis.triage import MODEL_REASON

    assert not rule_triage(text).flagged
    assert triage(text).reason == MODEL_REASON


@pytest.mark.parametrize(("disclosure", "category", "near_miss"), [
    ("my teacher said not to tell any1 about our special cuddles", "sexual abuse",
     "Her nan gives her special cuddles when she is poorly."),
    ("The coach gives him sweets and says it is our little secret.", "sexual abuse",
     "We kept the surprise party a secret from her."),
    ("i hav 2 look after my baby sis all nite cos mum goes out", "neglect",
     "I look after my little sister on Saturday mornings while mum is at work."),
    ("There is no adult at home at night, I put my brothers to bed.", "neglect",
     "She babysits her cousins at the weekend for pocket money."),
    ("mum is never up so i get my brother to school", "neglect", "Mum is never up before seven on a Sunday."),
    ("Everything would be quieter if I wasn't part of it.", "suicide",
     "He wishes he wasn't part of the school choir any more because it clashes with football."),
    ("Most nights I lie there wishing I could just stop existing for a while.", "suicide",
     "He wishes the old shop still existed."),
])
def test_grooming_young_carers_and_wishing_not_to_exist_are_named_and_near_misses_are_not(
        disclosure, category, near_miss):
    assert category in rule_triage(disclosure).categories
    assert not rule_triage(near_miss).flagged


@pytest.mark.parametrize(("benign", "disclosure"), [
    ("My blood boiled when the council lost our forms.", "My blood boiled when I saw the bruises he gave her."),
    ("He was beaten in the final of the chess tournament.", "He was beaten with a belt in the final week of term."),
    ("He's a killer at chess, nobody in his club can beat him.", "His uncle said he would beat him up if he told."),
    ("She said she hates herself in her school photo because of her fringe.",
     "She hates herself in photos and has stopped eating."),
    ("They strap him into his car seat with a special harness for his safety.",
     "They strap him into his wheelchair all day as a punishment."),
    ("She has been battling a cold all week.", "She has been battling with her stepdad, he hit her again."),
])
def test_figurative_sport_photo_and_safety_wordings_clear_but_near_identical_disclosures_do_not(benign, disclosure):
    assert not triage(benign).flagged
    assert triage(disclosure).flagged


def test_a_childs_adult_boyfriend_is_named_but_an_adult_childs_boyfriend_is_not():
    assert "exploitation" in rule_triage("She's 14 and her boyfriend is 19, he picks her up from school.").categories
    assert "exploitation" in rule_triage("she has a much older boyfriend who buys her vapes").categories
    assert not rule_triage("My 22 year old daughter's boyfriend helps with the school run.").flagged
