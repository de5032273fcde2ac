"""Benign readings of risk words, judged by what the words happen to and how the sentence frames them.

A safeguarding lead reads "killed it at sports day", "our hamster died", "a film about a boy who runs away",
"his gastrostomy feeds" and "starving after football" without alarm, and still alarms at the same words about a
child hurt by a person. Each reading here is a kind, not a phrase list:

- figurative death and violence: the verb's object or complement is an emotion, a performance or a craving
  ("died of <emotion>", "killed <a performance>", "I'd kill for", "the death of me");
- who or what it happens to: an animal, a plant, a device, a character, soldiers in history, a game's monsters;
- framing: a story, film, lesson or news item about a topic; a job or a visit by the police or the army;
- ordinary care: procedures and medicines given by clinicians, through a tube or at an appointment;
- harmless giving from grandparents, aunts and brothers or sisters (never with secrecy or a demand);
- hunger and tiredness after an activity (never when food is missing at home); accidents on objects;
- harm that is negated ("nobody has ever hurt him", "a burden on nobody"); fear of a thing, not a person.

``set_aside`` removes such phrases, sentence by sentence, before the rules read the text, and leaves a mark so the
learned model does not judge what is left of the sentence. Some readings are guarded: a sentence that speaks of
secrecy, demands, repetition or missing food keeps its words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.dispatch import dispatching_pattern

ANIMALS = (
    r"(?:dog|dogs|puppy|cat|cats|kitten|hamster|rabbit|bunny|guinea pig|gerbil|mouse|rat|fish|goldfish|tortoise|"
    r"turtle|budgie|parrot|bird|birds|pony|horse|chicken|chickens|hen|lamb|snake|lizard|pet|pets|wasp|bee|bees|"
    r"spider|spiders|fly|flies|ants?|slugs?|snails?|worms?|frogs?|caterpillars?|butterfly|butterflies|dinosaurs?)"
)
PLANTS_AND_DEVICES = (
    r"(?:plant|plants|flowers?|sunflowers?|tree|trees|seeds?|cress|tomatoes|garden|battery|batteries|phone|charger|"
    r"boiler|car|van|laptop|tablet|ipad|computer|printer|engine|tv|telly|fridge|freezer|heating|washing machine|"
    r"hoover|kettle|toaster|console|xbox|playstation|switch|controller|torch|radio|speaker|headphones|wifi|"
    r"internet|bulb|lights?|smoke alarm batter\w+)"
)
CHARACTERS = (
    r"(?:soldiers?|characters?|heroe?s?|villains?|baddies|goodies|knights?|kings?|queens?|princes(?:s|ses)?|"
    r"pirates?|zombies?|monsters?|dragons?|aliens?|robots?|witch(?:es)?|wizards?|ghosts?|"
    r"vampires?|ninjas?|cowboys?|romans|vikings|tudors|egyptians|explorers?|astronauts?)"
)
MEDIA = (
    r"(?:book|books|story|stories|film|films|movie|movies|documentary|documentaries|programme|programmes|cartoon|"
    r"cartoons|play|plays|musical|pantomime|panto|novel|poem|poems|song|songs|news|news report|lesson|lessons|"
    r"topic|assembly|project|workshop|video|videos|episode|series|show|comic|comics|game|games|museum|exhibition)"
)
EMOTION_NOUNS = (
    r"(?:embarrassment|shame|boredom|laughter|laughing|shock|fright|curiosity|cringe|envy|jealousy|excitement|"
    r"happiness|joy|pride|heat|thirst|cuteness|suspense|nerves|worry|anticipation|impatience)"
)
PERFORMANCES = (
    r"(?:song|solo|test|tests|exam|exams|quiz|spelling test|race|match|game|audition|performance|dance|routine|"
    r"speech|presentation|interview|show|concert|play|part|role|lines|set|gig|assessment|homework|sats|"
    r"sports day|football|rugby|netball|swimming|gymnastics|karate|singing|drama|dancing)"
)
BODY = r"(?:head|knee|knees|arm|leg|legs|elbow|chin|lip|nose|face|hand|finger|fingers|toe|toes|ankle|wrist|shin|back)"
FAMILY_GIVERS = (
    r"(?:nan|nana|nanna|nanny|nain|gran|granny|grandma|grandmother|grandad|granddad|grandpa|grandfather|"
    r"grandparents|gramps|taid|aunt|auntie|aunty|godmother|godfather|godparents|sister|brother|older sister|"
    r"older brother|big sister|big brother|cousin|older cousin)"
)
THINGS_FEARED = (
    rf"(?:{ANIMALS}|thunder|lightning|storms?|the wind|fireworks|balloons|hand dryers?|the hoover|the vacuum|"
    r"alarms?|fire alarms?|fire drills?|the bell|bells|loud noises?|noise|the dark|heights|lifts?|escalators?|"
    r"slides?|the pool|the swimming pool|swimming|water|the sea|waves|deep water|the dentist|dentists|the doctor|"
    r"doctors|hospitals?|needles|injections|jabs|clowns|masks|costumes|crowds|the crowd|haircuts|the hairdresser|"
    r"getting (?:his|her|their) hair cut|flushing toilets|the toilet flushing|trains|planes|flying|"
    r"the big slide|new places|change|changes|exams|tests|the stage|performing|going on stage|"
    r"(?:the |a )?(?:film|story|book|cartoon|programme))"
)
_TO_WHAT = r"(?:the|our|my|his|her|their|a|an|this|that|your)"
_MISSING_FOOD = r"\b(?:no|never|without|nothing|not|isn't|wasn't|hasn't|haven't|didn't)\b(?: \w+){0,4} " \
                r"(?:food|breakfast|lunch|dinner|tea|meals?|eat|eaten|eating|fed|snacks?)\b|\bnothing (?:at|in) "

_HUNGER_GUARD = _MISSING_FOOD + r"|\b(?:weekends?|contact|visits?|dad's|mum's|staying|stays?|holidays?|respite)\b"


@dataclass(frozen=True)
class Reading:
    """A benign reading: the phrase to set aside, and (optionally) words that, anywhere in the sentence, keep it."""

    phrase: re.Pattern[str]
    unless: re.Pattern[str] | None = None


def _reading(phrase: str, unless: str | None = None) -> Reading:
    return Reading(re.compile(phrase), re.compile(unless) if unless else None)


_REPEATED = r"\b(?:again|keeps?|kept|every (?:day|night|time)|all the time|over and over|until|till|on purpose|" \
            r"himself|herself|themselves|myself)\b"
# People at home, or adults who could harm: a sentence naming them is read as it stands.
_PEOPLE = r"\b(?:dad|daddy|mum|mummy|mam|stepdad|step-dad|stepmum|step-mum|uncle|boyfriend|girlfriend|partner|" \
          r"husband|wife|carers?|staff|teacher|man|men|adults?|brother|sister|cousin|nan|grandad)\b"
_PEOPLE_AT_HOME = _PEOPLE + r"|\b(?:home|house)\b"
# Words that make a denial doubtful ("he has never hurt her, she says, but ...").
_NOT_SURE = r"\b(?:until|before|but|since|again|now|like|the way|as much|except|apart from|other than|believe|says|" \
            r"said|claims?|claimed|denies|denied|lying|lies)\b"
_SECRECY_OR_DEMAND = r"\b(?:secret\w*|not to tell|don't tell|doesn't tell|won't tell|in return|owes?|owed|has to|" \
                     r"have to|had to|makes? (?:him|her|them)|made (?:him|her|them)|alone with|only if|favours?|" \
                     r"photos?|pictures?|meet|slap\w*|smack\w*|hiding|beating|belt|black eye|bruis\w*|drugs|" \
                     r"alcohol|vodka|beer|cider|cigarettes|vapes?|pills|tablets|weed|punch\w*|kick\w*|shov\w*|clip)\b"

READINGS: list[Reading] = [
    # Figurative death and violence: an emotion, a performance or a craving is the object.
    _reading(rf"\b(?:nearly |almost |could have |could've |literally )?(?:die|dies|died|dying) (?:of|from|with) "
             rf"(?:\w+ )?{EMOTION_NOUNS}\b"),
    _reading(r"\b(?:bored|scared|worried|laughed|laughing|laugh|tickled|loved) (?:\w+ ){0,2}to death\b"),
    _reading(r"\b(?:the death of (?:me|us)|(?:is|was|were|be) (?:a |an |an absolute |a real |such a )?killer\b)"),
    _reading(r"\b(?:'d|i'd|we'd|would|could|i would|i could) (?:\w+ )?(?:kill|murder|die) (?:for|to have|to get) "),
    _reading(rf"\b(?:killed|kills|killing|murdered|murders|slayed|slays|smashed|smashes|nailed|nails|aced|"
             rf"destroyed) (?:it|that|(?:this|the|his|her|their|my) {PERFORMANCES})(?= (?:at|in|on|today|yesterday|"
             rf"tonight|this|last|with|for|and|so)\b|[.,!]|$)(?! in front)",
             r"\b(?:rabbit|cat|dog|pet|animal|bird|hamster|fish|in front of)\b"),
    _reading(r"\b(?:killing|kills|killed|murdering|murders) my (?:feet|back|legs|knees|head|neck|ears|shoulders)\b"),
    _reading(r"\b(?:'ll|will|would|going to|gonna|i swear i'll) (?:\w+ )?(?:kill|murder|strangle|throttle|swing for|"
             r"brain|wring (?:his|her|their) necks?) (?:him|her|them|me|you|us) if\b",
             r"\b(?:touch\w*|hurt\w*|hit\w*|harm\w*|near (?:her|him|them|my)|lays? a (?:finger|hand)|tells?|told|"
             r"report\w*|police|social|finds? out|again)\b"),
    _reading(r"\b(?:been )?in the wars\b", _REPEATED + "|" + _PEOPLE + r"|\b(?:says?|said|claims?|stairs|fell)\b"),
    # Words with an everyday sense: a growth spurt or a jab, a try at something, the air, the house "screamed down".
    _reading(r"\b(?:shot up|(?:flu|booster|covid|vaccine|tetanus|hpv|allergy|nasal) (?:shots?|spray)|photo ?shoots?|"
             r"(?:great|good|nice|brilliant|lucky|long|trick|first|last|camera|action) shots?|shoots? hoops|"
             r"shot (?:a|the|his|her|their) (?:\w+ )?(?:goal|ball|basket|hoop|film|video|photos?)|"
             r"(?:have|has|had|take|takes|took|having|taking) a stab at|"
             r"(?:punch|punched|punches|punching|kick|kicked|kicks|kicking) the air|"
             r"scream(?:s|ed|ing)? the (?:house|place) down|"
             r"(?:fire|lockdown|evacuation|safety|emergency) (?:drills?|practices?|practice)|"
             r"(?:fake|pretend|stage|halloween|zombie|vampire) (?:blood|scars?|wounds?|cuts?|bruises?|teeth)|"
             r"face paint\w*|kick(?:s|ed|ing)? off|"
             r"(?:nearly |almost )?(?:had|have|give|gave|giving) (?:me |him |her |us )?(?:a )?heart attack|"
             r"on (?:its|their|his|her|my) last legs|chok(?:e|es|ed|ing) back (?:the )?tears|"
             r"(?:burnt|burned|burn|burns|burning) (?:the |a |his |her |my )?(?:toast|dinner|tea|cake|pizza|food|pan|"
             r"biscuits|popcorn|chips|sausages)|"
             r"drowning in (?:paperwork|forms|emails|washing|laundry|homework|admin|appointments|letters|toys|lego|"
             r"work|phone calls)|"
             r"won't eat anything (?:green|but|except|apart|other than|new|that)|"
             r"cr(?:y|ies|ied|ying) (?:his|her|their|my) eyes out|"
             r"(?:throttle|strangle|kill|murder) (?:the next (?:person|one)|the council|the school|the system|"
             r"whoever))\b"),
    # Body idioms of anger ("my blood boiled", "hit the roof", "lost his head").
    _reading(r"\b(?:(?:my|his|her|their|our) blood (?:boil\w*|ran cold|runs cold)|made (?:my|his|her|their|our) "
             r"blood boil|(?:hit|hits|hitting) the roof|(?:blew|blow|blows|blowing) (?:a fuse|a gasket|(?:my|his|her|"
             r"their) top)|(?:lost|lose|loses|losing) (?:my|his|her|their) (?:head|temper|rag|cool)|(?:see|sees|seeing|"
             r"saw) red|bit(?:e|es|ing)? (?:my|his|her|their) head off|steam out of (?:my|his|her) ears)\b"),
    # Sport and game results and skill: beaten in a final, a killer at chess, nobody can beat him.
    _reading(rf"\b(?:beat|beats|beaten|beating|thrashed|hammered|smashed|crushed|knocked out|destroyed|annihilated) "
             rf"(?:\w+ ){{0,2}}(?:in|at|on) (?:the |a |an |his |her |their |our |my )?(?:\w+ ){{0,2}}(?:finals?|"
             rf"semi-?finals?|quarter-?finals?|matches|rounds?|tournaments?|league|cup|races?|competitions?|quiz|"
             rf"heats?|penalties|shoot-?outs?|chess|draughts|cards|monopoly|scrabble|tennis|darts|pool|snooker|"
             rf"board games?|video games?|{PERFORMANCES})\b"
             rf"|\b(?:nobody|no one|no-one|none) (?:\w+ ){{0,4}}can (?:ever )?beat (?:him|her|them|me)\b"
             rf"|\b(?:a|an|such a|a real|an absolute) killer at (?:\w+ing|chess|draughts|cards|maths|spelling|darts|"
             rf"pool|snooker|tennis|\w+ games?|{PERFORMANCES})\b",
             r"\b(?:up|bruis\w*|black eye|belt|blood|bleed\w*|hospital|hurt\w*)\b"),
    # Everyday illness and squabbles ("battling a cold", "at war with her brother over the remote").
    _reading(r"\b(?:battl\w*|fight\w*|fought|struggl\w*) (?:off |with |against )?(?:a |the |this |that |another )?"
             r"(?:\w+ )?(?:cold|colds|flu|virus|bug|cough|infection|tonsillitis|covid|sickness|chickenpox|hay ?fever|"
             r"temperature|fever|ear infection|chest infection)\b"
             r"|\b(?:at war|fighting|arguing|squabbling|bickering|rowing|falling out) (?:with (?:his|her|their|my) "
             r"(?:\w+ )?(?:brothers?|sisters?|twin|siblings|cousins?) )?over (?:the |a |who |whose |what )?\w+",
             r"\b(?:hit\w*|punch\w*|kick\w*|hurt\w*|bruis\w*|knife|knives|blood|bleed\w*|strangl\w*|choke\w*)\b"),
    # Appearance in photos: self-criticism without self-harm or eating words.
    _reading(r"\b(?:hat(?:e|es|ed|ing)|can't stand|cringes? at|loath\w*) (?:(?:my|him|her|them)sel(?:f|ves)|how "
             r"(?:i|he|she|they) looks?) in (?:the |this |that |her |his |my |their |a |all )?(?:\w+ ){0,2}"
             r"(?:photos?|pictures?|selfies?|videos?|mirror|photographs?)\b",
             r"\b(?:cut\w*|hurt\w*|harm\w*|starv\w*|sick|eat\w*|meals?|food|die|dead|kill\w*|scratch\w*|burn\w*|"
             r"punch\w*|hit\w*|wish\w*|weigh\w*)\b"),
    # Safety equipment: a harness, straps or a belt in a seat made for it.
    _reading(r"\b(?:strap\w*|buckl\w*|clip\w*|belt\w*|harness\w*) (?:\w+ ){0,2}(?:in|into|onto) (?:his|her|their|the|"
             r"a|my) (?:\w+ )?(?:car seat|seat|booster|wheelchair|buggy|pushchair|pram|high ?chair|stroller|sling|"
             r"carrier|bath seat|standing frame|walker|hoist|trike)\b[^.,;!?]*"
             r"|\b(?:safety|car seat|five-point|5-point|chest|wheelchair|special) (?:harness|straps?|belts?)\b",
             r"\b(?:all day|for hours|hours|punish\w*|to stop|left|leaves|tight|bruis\w*|can't move|couldn't move|"
             r"cupboard|bed|radiator|room|tied)\b"),
    _reading(r"\b(?:bruises?|bumps|scrapes|knocks|cuts|grazes) (?:\w+ ){0,2}from (?:tackles?|rugby|football|training|"
             r"the match|matches|games?|falls?|falling|skating|climbing|pe|sport)\b",
             _REPEATED + "|" + _PEOPLE_AT_HOME),
    _reading(r"\b(?:(?:his|her|their|my|our) (?:tummy|head|belly|stomach|legs?|arms?|back|ears?|throat|teeth|tooth|"
             r"eyes?|feet|knees?|chest) (?:hurts?|aches?|is sore|was sore|is hurting))\b",
             r"\b(?:because (?:he|she|they|dad|mum|someone)|where|from being|after (?:he|she|dad|mum|his|her)|"
             r"grabbed|hit|punched|kicked|touched|made)\b"),
    _reading(rf"\b(?:(?:his|her|their|my|our|the) (?:little|baby|younger|twin|toddler) (?:brother|sister|cousin)|"
             rf"(?:his|her|their|my|our|the) baby|(?:the|our|my|his|her|a) (?:\w+ )?{ANIMALS}) (?:\w+ )?(?:bit|bites|"
             r"scratched|scratches|kicked|kicks|hit|hits|pushed|pulled|nipped)\b"),
    # Who or what it happens to: animals, plants, devices, characters.
    _reading(rf"\b{_TO_WHAT} (?:\w+ ){{0,2}}(?:{ANIMALS}|{PLANTS_AND_DEVICES}) (?:broke down and |\w+ ){{0,2}}"
             r"(?:has |had |have |just "
             r"|sadly |finally |)(?:died|dies|dead|dying|passed away|was put down|had to be put down|went missing|"
             r"goes missing|gone missing|is missing|was missing|broke down|"
             r"escaped|escapes|got out|ran off|ran away)\b",
             r"\b(?:killed|kill|hurt|kicked|threw|strangled|drowned|hit|hits|ran over|run over|crash\w*|in front of|"
             r"to scare|to punish|as a punishment|next|says|said)\b|" + _PEOPLE),
    _reading(rf"\b{CHARACTERS} (?:\w+ ){{0,3}}(?:dying|died|die|dies|killed|kill|kills|killing|dead|fight\w*|"
             r"fought|attack\w*|stab\w*|shot|shoot\w*|locked|kidnap\w*|captured|hurt)\b"),
    _reading(rf"\b(?:kill\w*|fight\w*|fought|shoot\w*|shot|attack\w*|chas\w*|beat\w*|defeat\w*|stab\w*) "
             rf"(?:\w+ ){{0,2}}{CHARACTERS}"),
    _reading(rf"\b(?:r[au]n|runs|running|hid|hides|hiding|scared|frightened) (?:off |away )?from {_TO_WHAT} "
             rf"(?:\w+ )?{ANIMALS}\b"),
    _reading(r"\b(?:dinosaurs|the romans|the vikings|people|millions|thousands) (?:\w+ ){0,2}(?:died|were killed) "
             r"(?:out|in the war|in the plague|in the fire|in the flood|in history)"),
    _reading(r"\b(?:plants?|flowers?|roses?|shrubs?|hedges?|bushes|herbs?|tomato\w*|weeds?|bindweed|ivy|trees?|roots?|"
             r"seedlings?|crops?|vegetables|grass) "
             r"(?:got |were |was |are |is |have been |has been )?(?:strangled|choked|killed|attacked|eaten|drowned)\b"),
    _reading(rf"\b(?:stung|bitten|scratched|knocked (?:over|down)|bowled over|pushed over|chased) (?:\w+ )?by "
             rf"(?:a|the) (?:\w+ )?(?:{ANIMALS}|wave|waves|ball|wind|door|nettles?|jellyfish)\b"),
    _reading(r"\bescap(?:ed|es|ing)? (?:from )?(?:the )?(?:classroom|class|room|playground|hall) to (?:chase|get|fetch|"
             r"find|see|play)\b",
             r"\b(?:night|road|roads|older|men|man|strangers?|again|keeps)\b"),
    _reading(r"\b(?:learn\w*|taught|teach\w*|courses?|badges?|lessons?|doing|did|trained in) (?:\w+ ){0,3}first aid\b"
             r"[^.;!?]*",
             r"\b(?:me|my|myself)\b|" + _PEOPLE_AT_HOME),
    # Framing: a story, film, lesson or news item about a topic; jobs and visits.
    _reading(rf"\b{MEDIA} (?:\w+ ){{0,2}}(?:about|where|in which|called)\b[^.,;!?]*?"
             r"(?=[.,;!?]|$| and (?:he|she|they|we|i)\b| but\b| then\b)",
             r"\b(?:me|i|i'm|myself|made (?:him|her|them) watch|show(?:ed|s)? (?:him|her|them)|sen[dt]\w*|photos?|"
             r"pictures?|meet|online|chat\w*|messag\w*|asks?|asked|told|tells|wrote|writes|written|drew|draws|"
             r"said|says)\b|" + _PEOPLE_AT_HOME),
    _reading(r"\b(?:learn\w*|taught|teach\w*|stud(?:y|ied|ying)|revis\w*|topic on|lesson on|lessons? about) "
             r"(?:\w+ ){0,2}(?:about|how to)\b[^.,;!?]*?(?=[.,;!?]|$| and (?:he|she|they|we|i)\b| but\b)",
             r"\b(?:me|my|myself|from)\b|" + _PEOPLE_AT_HOME),
    _reading(r"\b(?:jobs?|careers?|work|working|join|joining|become|becoming|be|apprenticeships?|wants to be|"
             r"train(?:ing)? to be|interested in) (?:\w+ ){0,2}(?:in |with |for |as )?(?:the |a |an )?"
             r"(?:police|army|navy|raf|marines|fire service|prison service|police officer|soldier|firefighter|"
             r"paramedic|detective)\b"),
    _reading(r"\b(?:is|was|works as|worked as|used to be) (?:a |an )(?:police officer|policeman|policewoman|"
             r"soldier|firefighter|paramedic|detective|prison officer)\b"),
    _reading(r"\b(?:the )?(?:police|pcsos?|police officers?|firefighters?|fire brigade|paramedics?|soldiers?) "
             r"(?:\w+ ){0,4}(?:to talk (?:to|about)|to give a talk|for (?:a talk|careers)|careers day|to show|"
             r"about (?:road|online|water|stranger|fire|bike) safety)",
             r"\b(?:about (?:what|him|her|them|my|his|our|dad|mum)|arrest\w*|took (?:him|her|them) away|what happened|"
             r"at (?:the|our|my|his|her) (?:house|home|door))\b"),
    _reading(r"\b(?:toy|plastic|pretend|foam|nerf|water|cardboard|wooden|rubber|lego|play) (?:knife|knives|swords?|"
             r"guns?|weapons?|pistols?|daggers?|axes?|bows?)\b|\b(?:knife and fork|butter knife|table knife)\b"),
    _reading(r"\b(?:fight|stage fight|fighting|battle|sword ?fight|pillow fight|water fight|snowball fight|"
             r"food fight)(?: scene)?s? (?:in|with|at) (?:the )?(?:play|film|game|snow|garden|pool|party)\b"
             r"|\b(?:pillow|water|snowball|food|nerf) fights?\b"),
    # Ordinary care by clinicians, through a tube or at an appointment (never when it is missed or withheld).
    _reading(r"\b(?:medicine|medicines|medication|meds|insulin|feeds?|milk|water|fluids|formula) "
             r"(?:\w+ )?(?:through|via|by|down|into) (?:his|her|their|a|the|my) (?:gastrostomy|peg|button|tube|"
             r"feeding tube|nasogastric tube|ng tube|line|port|pump|mic-?key)\b",
             r"\b(?:missed|not given|forgot\w*|withheld|without|didn't|doesn't|hasn't|never|no one|nobody)\b"),
    _reading(r"\b(?:(?:growth )?hormones?|insulin|epilepsy|asthma|eye|ear|nasal|allergy|hay ?fever)? ?"
             r"(?:injections?|jabs?|infusions?|drips?|stitches|dressings?|catheters?|inhalers?|eye drops|ear drops|"
             r"bloods|scans?|x-?rays?|operations?|check ?-?ups?|physio|hydrotherapy|check|fillings?|extractions?|"
             r"(?:tooth|teeth) (?:pulled|out|taken out|removed|filled|extracted))\b(?: \w+){0,3}"
             r"(?: (?:at|in|by) (?:the |his |her |a )?(?:hospital|clinic|appointment|gp|surgery|dentist|"
             r"school nurse|nurse|doctor|consultant))?",
             r"\b(?:missed|not given|forgot\w*|withheld|without|never (?:been )?taken|no one|nobody|forced|"
             r"held (?:him|her|them) down|pinned|to sedate|to calm (?:him|her|them) down|punish\w*)\b"),
    _reading(r"\b(?:takes?|took|taking|has|have|had|gets?|got) (?:his|her|their|my) (?:\w+ ){0,2}(?:tablets|"
             r"medication|medicine|meds|pills|inhaler|cream)\b(?: (?:every|each|at|with|before|after|for) \w+)?",
             r"\b(?:all|too many|extra|whole|packets?|box|bottle|lots|stash|hoard\w*|secretly|hid|hides|hiding|"
             r"someone else's|mum's|dad's|nan's|handful|overdos\w*|swallow\w*)\b"),
    _reading(r"\b(?:in|into|to) hospital (?:\w+ ){0,2}(?:to have|for (?:an? |his |her |their )?(?:operation|op|"
             r"surgery|procedure|scan|mri|check|appointment|tests?))\b|\b(?:appendix|tonsils|adenoids|grommets|"
             r"wisdom teeth) (?:out|taken out|removed|in)\b",
             r"\b(?:broken|fractur\w*|bruis\w*|burns?|injur\w*|unexplained|again)\b"),
    _reading(r"\b(?:got|was|were|get|gets|accidentally) locked out\b(?: \w+){0,8} (?:keys?|lock)\b",
             r"\b(?:on purpose|punish\w*|made|all night|overnight|in the cold|as a punishment|wouldn't let)\b"),
    _reading(r"\b(?:the |his |her |their |a )?(?:school |practice |community |specialist )?(?:nurse|doctor|gp|"
             r"consultant|dentist|physio|physiotherapist|paediatrician|pharmacist|specialist|therapist|optician|audiologist|"
             r"dietitian|orthodontist|surgeon|midwife|health visitor) (?:\w+ ){0,2}(?:does|did|gives?|gave|checks?|"
             r"checked|changes?|changed|takes?|took|fits?|fitted|prescribes?|prescribed|examines?|examined|weighs?|"
             r"weighed|measures?|measured|tests?|tested|reviews?|reviewed|manages?|managed|treats?|treated)\b",
             r"\b(?:room|locked|held|hold|holds|pinned|restrain\w*|shout\w*|rough\w*|hurt\w*|hit|hits|slap\w*|"
             r"grab\w*|forc\w*|touch\w*|private|undress\w*|alone with|secret\w*)\b"),
    # Harmless giving from family: no secrecy, no demand.
    _reading(rf"\b(?:his|her|their|my|our) {FAMILY_GIVERS} (?:(?:in|from|who lives in|abroad in) \w+ )?"
             r"(?:always |sometimes |often |usually |also |kindly )?"
             r"(?:gives?|gave|giving|buys?|bought|buying|"
             r"sends?|sent|pays?|paid|treats?|treated|gets?|got) (?:him|her|them|me|us)\b",
             _SECRECY_OR_DEMAND),
    _reading(rf"\b(?:pocket money|money|a pound|\w+ pounds?|\w+ quid|a fiver|a tenner|presents?|gifts?|sweets|"
             rf"treats?|comics?|books?) (?:from|off) (?:his|her|their|my|our) {FAMILY_GIVERS}\b",
             _SECRECY_OR_DEMAND),
    # Hunger and tiredness after an activity (never when food is missing).
    _reading(r"\b(?:always |often |usually |absolutely |so |really )?(?:starving|starved|hungry|famished|ravenous|"
             r"exhausted|shattered|knackered|tired|worn out) (?:\w+ ){0,2}(?:after|by|from)\b(?: \w+){0,3}"
             r"|\b(?:starving|hungry|famished|ravenous) (?:when|as soon as|by the time) (?:he|she|they|i|we) "
             r"(?:gets?|got|comes?|came) (?:home|in|out|back)\b",
             _HUNGER_GUARD),
    _reading(r"\b(?:starving|hungry|famished|ravenous)\b(?: \w+){0,6} because (?:he|she|they)(?:'s| is|'re| are) "
             r"(?:growing|so active|having a growth spurt)\b",
             _HUNGER_GUARD),
    _reading(r"\b(?:after|out of|back from|home from|in from) (?:\w+ ){0,2}\w+,? (?:(?:he|she|they|i|we)"
             r"(?:'s| is|'re| are| was| were|'m| am) )?(?:always |so |really |absolutely |just |that |too )?"
             r"(?:starving|hungry|famished|ravenous|exhausted|shattered)\b",
             _HUNGER_GUARD),
    # Accidents on objects, dealt with (never repeated or on purpose); hitting a thing.
    _reading(rf"\b(?:fell|fallen|tripped|slipped|bumped|banged|knocked|hit|grazed|scraped|sprained|trapped|stubbed) "
             rf"(?:over |off )?(?:\w+ ){{0,3}}(?:his|her|their|my) {BODY} (?:on|against|in|at|playing|doing) "
             rf"(?:the |a |an |his |her )?(?!wall\b|floor\b)\w+",
             _REPEATED + "|" + _PEOPLE_AT_HOME + r"|\b(?:push\w*|shov\w*|threw|thrown)\b"),
    _reading(r"\b(?:bloody|bleeding|broken|bust|fat|split) (?:nose|lip) (?:\w+ ){0,2}(?:from|by) (?:a|the) (?:ball|bat|"
             r"racket|stick|puck|swing|door|fall|trampoline|goalpost)\b",
             _REPEATED + "|" + _PEOPLE_AT_HOME),
    _reading(r"\b(?:hit|hits|hitting|kick|kicks|kicked|kicking|smash\w*|punch\w*|whack\w*|threw|throws?|throwing) "
             r"(?:the|a|his|her) (?:ball|high notes?|notes?|target|bell|button|buzzer|jackpot|shuttlecock|"
             r"punchbag|punch bag|pinata|drum|drums|tennis ball|football|rugby ball|cricket ball)\b"),
    _reading(r"\bbit(?:es|e|ing)? (?:his|her|their|my) (?:nails|lips?|tongue|fingers|cheeks?|sleeves?|pencils?|"
             r"collar)\b",
             _REPEATED + r"|\b(?:bleed\w*|bled|blood)\b"),
    # Self-directed effort, not harm.
    _reading(r"\bpush(?:es|ed|ing)? (?:him|her|them|my|your)sel(?:f|ves) (?:too |so |really |very )?(?:hard|harder|"
             r"to|in|at|through|on|further)\b"
             # ... and the tiredness that follows the effort ("and then he's exhausted").
             r"(?:[^.;!?]*? (?:and then|then|so|and) (?:he|she|they|i)(?:'s| is| are|'re| was| were| gets?| got| "
             r"feels?) (?:so |really |completely |totally )?(?:exhausted|shattered|tired|worn out|knackered)\b)?"),
    # Negated harm: nobody has ever done it, never been in danger, a burden on nobody.
    _reading(r"\b(?:nobody|no one|no-one|none of (?:them|the staff)) (?:has |had |have |is |was )?(?:ever )?"
             r"(?:been )?(?:hurt|hit|harmed|touched|shouted at|smacked|threatened|bullied|frightened|scared)\b",
             _NOT_SURE),
    _reading(r"\b(?:has|have|had|is|was|were|are|'s)? ?never (?:been |felt |seemed )?(?:\w+ )?(?:in (?:any )?danger|"
             r"hurt|harmed|at risk|unsafe|scared|frightened|bullied|threatened)\b"
             r"|\b(?:has|have|had) never been any (?:violence|bullying|fighting|danger|threats?)\b"
             r"|\bthere (?:has|have|had) never been any (?:violence|bullying|fighting|danger|threats?)\b",
             _NOT_SURE),
    _reading(r"\b(?:(?:i'm|i am|he's|he is|she's|she is|they're|they are|is|am|are|was|were) )?(?:a )?burden "
             r"(?:on|to) (?:nobody|no one|no-one|anyone)\b|\b(?:is|am|are|was|'s|'m|never (?:been|was)) not a "
             r"burden\b"),
    # Fear of a thing or an animal, not of a person or of going home.
    _reading(r"\b(?:scared|afraid|frightened|terrified|petrified|screaming|screamed)(?: stiff)? (?:on|at|in) (?:the )?"
             r"(?:ghost train|rides?|rollercoaster|roller coaster|big wheel|log flume|haunted house|fair|funfair|"
             r"theme park|pantomime|panto|cinema|zip wire)\b"),
    _reading(rf"\b(?:scared|afraid|frightened|terrified|petrified|nervous|wary|anxious)(?: stiff)? (?:of|by) "
             rf"(?:the |a |an |his |her |their |my )?{THINGS_FEARED}\b",
             r"\b(?:carers?|staff|member of staff|man|men|woman|adults?|uncle|stepdad|step-dad|boyfriend|driver|escort|"
             r"respite|when (?:he|she|they) sees?|go home|going home|because|when (?:he|she|they|dad|mum|someone) "
             r"(?:comes?|came|gets?|got|goes|went))\b"),
    # Missing a person (longing) or a thing that was lost; running off to play.
    _reading(r"\b(?:is|was|are|were|been|'s|'re|still|really|so) missing (?:his|her|their|my|our) (?:\w+ )?"
             r"(?:dad|mum|friend|friends|mates|best friend|nan|grandad|grandma|brother|sister|teacher|family|"
             r"dog|cat|pet|old school|home)\b"),
    _reading(rf"\b(?:r[au]n|runs|running) (?:off |away |out )?(?:to play|to (?:the|his|her|their|my) (?:library|"
             rf"playground|classroom|class|friends?|mates|bedroom|room|garden|field|gate|car|teacher|mum|dad|nan|"
             rf"quiet room|sensory room|{ANIMALS}))\b",
             r"\b(?:older|men|man|adults?|strangers?|night|dark|road|roads|again|keeps)\b"),
    # A harmless secret; locking a thing.
    _reading(r"\b(?:secret (?:diary|santa|garden|den|club|recipe|agent|base|handshake|ingredient)|"
             r"(?:surprise|birthday|christmas) (?:\w+ )?(?:party|present|presents|gift|gifts|plan|trip)s? "
             r"(?:a |as a )?secret)\b"),
    _reading(r"\block(?:ed|s|ing)? (?:up )?(?:the|his|her|their|my|a) (?:bike|scooter|phone|locker|car|gate|"
             r"tablet|ipad|laptop|diary|bag|screen|valuables)\b"),
]
# A set-aside phrase leaves this mark, so the learned model can skip the sentence (analysis.triage_context).
MARK = "\x1f"
_ANY = dispatching_pattern([reading.phrase.pattern for reading in READINGS])  # one quick test per comment
_SENTENCE = re.compile(r"(?<=[.!?;])\s+")


def set_aside(text: str) -> str:
    """The text with benign readings of risk words taken out, judged sentence by sentence."""
    if not _ANY.search(text):
        return text
    return " ".join(_read(sentence) for sentence in _SENTENCE.split(text))


def _read(sentence: str) -> str:
    if not _ANY.search(sentence):
        return sentence
    for reading in READINGS:
        if reading.phrase.search(sentence) and not (reading.unless and reading.unless.search(sentence)):
            sentence = reading.phrase.sub(f" {MARK} ", sentence)
    return sentence
