"""Safeguarding triage: flag text suggesting a child or adult may be at risk, for urgent human review.

Recall comes first: a missed disclosure is far worse than a false alarm. Only clearly benign uses
are let through ("safeguarding training was good", "I feel safe", "never felt unsafe").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from analysis.clean import clean_text
from analysis.dispatch import dispatching_pattern
from analysis.triage_model import shipped_model

_SELF = r"(?:my|him|her|them|your|our)sel(?:f|ves)"
_PERSON = r"(?:me|him|her|them|us|my \w+|our \w+|his \w+|the \w+)"
_WE = r"(?:i|we|i'm|im|i am|we're|we are|she|he|mum|dad|mummy)"
_CANT = r"(?:can't|cant|cannot|can not|couldn't|could not)"

# Category -> phrasings. Apostrophes in the input are straightened by clean_text first.
PATTERNS: dict[str, list[str]] = {
    "suicide": [
        r"(?:step|stepping|stepped|jump|jumping|jumped|throw|throwing|threw|walk|walking|walked|run|"
        r"running|ran) (?:\w+ ){0,2}(?:in front of|off|out of) (?:a|the|an) (?:train|bus|car|lorry|"
        r"truck|bridge|window|roof|cliff|building|balcony)",
        r"(?:carry|go|keep) on living",
        r"better off (?:with|without) (?:someone|somebody|anyone|anybody) else",
        r"goodbye (?:message|note|letter|text|video)",
        r"better off (?:gone|not here|not being here|not alive|not around)",
        r"(?:want|wants|wanted|wish|wishes|wished)(?: \w+){0,2} (?:it|everything|life|"
        r"things)(?: all)? to (?:stop|end|be over)",
        r"no point (?:to|in) (?:anything|life|living|it all|being alive)",
        r"sleep (?:for ?ever|and not wake)",
        r"noose",
        r"never come back",
        r"(?:want|wants|wanted|wanting|wish|wishes|wished|rather|prefer|"
        r"better) (?:\w+ ){0,3}(?:be )?(?:dead|die|dying)\b",
        r"(?:think|thinks|thinking|thought|talk|talks|talking|talked|"
        r"obsessed) (?:\w+ ){0,2}(?:about )?(?:dying|death|killing (?:my|him|her|them)sel(?:f|ves)|"
        r"suicide|ending (?:it|my life|his life|her life))",
        r"end(?:ing)? it(?: all)?\b",
        r"(?:see|sees|saw|is) (?:the |any )?point in (?:going on|living|carrying on|being alive|"
        r"life)",
        r"(?:going|go|carry|carrying) on any ?(?:more|longer)",
        r"(?:wasn't|weren't|was not|were not|isn't|not) (?:here|around|alive) any ?(?:more|longer)",
        r"(?:being|be|am|is|feel like) a burden",
        r"hat(?:e|es|ed|ing) (?:my|him|her|them)sel(?:f|ves)",
        r"(?:sleep|go to sleep) and never wake",
        r"suicid\w*",
        rf"kill(?:s|ed|ing)? {_SELF}",
        r"(?:end|take|taking|ending|ended|took) (?:my|his|her|their) (?:own )?li(?:fe|ves)",
        r"want(?:s|ed|ing)? to die",
        r"wish(?:es|ed)? (?:i|he|she|they)(?: \w+){0,2} (?:dead|never (?:been )?born|not (?:alive|"
        r"here)|gone for ever)",
        r"(?:better|be) off dead",
        r"better off without (?:me|him|her|them)",
        r"(?:rather|sooner) be dead",
        r"(?:don't|dont|doesn't|doesnt|didn't|not) want(?:s|ing)? to (?:live|be alive|be here|exist|"
        r"wake up)",
        r"no (?:reason|point) (?:to|in) (?:live|living|going on|being here)",
        r"overdos\w*",
        r"(?:jump|jumped|jumping) (?:off|in front)",
        r"hang(?:ed|ing)? {_SELF}",
        r"(?:nobody|no one|no-one) would miss",
        r"not (?:be|being) here any ?more",
        r"disappear for ever",
        r"wants? to disappear",
        r"(?:made|has) a plan to",
        r"can't go on",
        r"cannot go on",
        r"can't carry on",
        r"cannot carry on",
        r"give up on life",
        r"never wake up",
        r"goodbye (?:letter|note)",
        r"(?:given|giving|gave) away (?:all )?(?:his|her|my) (?:things|stuff)",
    ],
    "self-harm": [
        r"until (?:it|they|he|she) bleeds?|till (?:it|they) bleeds?",
        r"(?:taking|took|takes|swallowed|swallowing) (?:extra|too many|lots of|a lot of|all (?:his|"
        r"her|my|the)) (?:tablets|pills|medication|paracetamol)",
        r"(?:tried|trying|tries|attempted) to (?:strangle|hang|cut|hurt|harm|kill|drown|suffocate|"
        r"choke|poison)",
        r"self[- ]?harm\w*",
        r"self[- ]?injur\w*",
        rf"(?:cut|cuts|cutting|burn|burns|burning|burnt|hurt|hurts|hurting|harm|harms|harming|"
        rf"injur\w+|hit|hits|hitting|bit|bites|biting|scratch\w*|starv\w*|punch\w*) {_SELF}",
        r"head[- ]?bang\w*",
        r"bang(?:s|ing|ed)? (?:his|her|their|my) head",
        r"marks on (?:his|her|my|their) (?:arms?|wrists?|legs?|body)",
        r"cuts on (?:his|her|my|their) (?:arms?|wrists?|legs?)",
        r"(?:stopped|not|isn't|isnt) eating",
        r"pulls? (?:his|her|their) (?:hair|nails) out",
        r"ligature",
        r"razor",
    ],
    "sexual abuse": [
        r"sit (?:on|in) (?:his|her|their) (?:knee|lap)",
        r"private (?:messages|chats|photos|pictures|texts)",
        r"rude (?:pictures|photos|videos|images|messages|texts)",
        r"(?:showed|shown|shows|show) (?:him|her|them|my \w+) (?:\w+ ){0,2}(?:pictures|photos|"
        r"videos|images)",
        r"sexual(?:ly)?\b",
        r"hands? (?:up|down|inside|in|under) (?:her|his|my|their) (?:skirt|top|dress|trousers|pants|"
        r"knickers|underwear|shorts|clothes|shirt|jumper)",
        r"(?:kissed|fondled|groped|undressed|flashed|exposed himself|exposed herself)\b",
        r"(?:showed|shown|show|sent|send) (?:him|her|them|me|my \w+) (?:porn|pornography|videos of|"
        r"pictures of)",
        r"sexual(?:ly)? (?:abus\w*|assault\w*|touch\w*|exploit\w*|harass\w*)",
        r"rap(?:e|ed|ist|ing)\b",
        r"molest\w*",
        rf"touch(?:ed|es|ing)? {_PERSON} inappropriately",
        r"inappropriate(?:ly)? (?:touch\w*|photos|pictures|messages|contact)",
        r"(?:touch|touched|touches|touching) (?:his|her|my) (?:private|privates|bottom|body)",
        r"private parts",
        r"(?:nude|naked|explicit|indecent) (?:pictures|photos|images|selfies?)",
        r"sexting",
        r"paedophil\w*",
        r"pedophil\w*",
        r"made (?:him|her|me) do things",
        r"makes (?:him|her|me) do things",
    ],
    "abuse": [
        r"abus(?:e|ed|es|ing|ive|er)\b",
        r"mistreat\w*",
        r"ill[- ]?treat\w*",
        r"cruel(?:ty)? to",
    ],
    "domestic abuse": [
        r"control(?:s|led|ling)? (?:all )?(?:the|my|our|his|her) (?:money|phone|finances|bank)",
        r"(?:won't|doesn't|will not|does not|wouldn't) let (?:me|us|her|him) (?:see|go|leave|have|"
        r"out|talk)",
        r"(?:scared|afraid|frightened|terrified) (?:of )?what (?:\w+ ){0,3}(?:will|might|would) do",
        r"domestic (?:abuse|violence)",
        r"\bdv\b",
        r"coerci\w+ control\w*",
        r"controlling (?:partner|husband|wife|boyfriend|ex)",
        r"(?:partner|husband|wife|boyfriend|girlfriend|ex|stepdad|step-dad|dad|father|mum|"
        r"mother) (?:hits|hit|beats|beat|kicks|hurts|hurt|attacked|threatens|threatened)",
        r"refuge",
        r"(?:fled|flee|fleeing) (?:from )?(?:my|our|the|his|her)? ?(?:partner|husband|home|house)",
    ],
    "physical harm": [
        r"(?:cut|split|fat|swollen|bloody|burst) (?:lip|nose|eye|head)",
        r"(?:hurt|hurts|hurting|harm|harms|harming|twist(?:s|ed|ing)?|whip(?:s|ped|ping)?|lock(?:s|"
        r"ed|ing)?|tie(?:s|d)?|tying|smack(?:s|ed|ing)?|scald(?:s|ed|ing)?) (?:\w+ ){0,3}(?:him|her|"
        r"me|them|us)\b",
        r"with a (?:belt|stick|cane|shoe|slipper|wooden spoon|cable|hanger|hose|whip)",
        r"(?:arm|arms|wrist|wrists|neck|hair) (?:\w+ ){0,2}(?:behind (?:his|her|their) back|twisted|"
        r"pulled|yanked)",
        r"pinn(?:ed|ing) (?:\w+ ){0,2}(?:down|to the floor|to the ground|against|to the wall)",
        r"(?:held|holding|hold) (?:\w+ ){0,2}(?:down|on the floor|against|by (?:the )?(?:neck|"
        r"throat|arms?|wrists?|hair))",
        r"(?:finger|hand|belt) ?marks",
        r"(?:punch|punches|punched|kicks|kicked|slaps|slapped|hits|beats|beat) (?:\w+ ){0,3}(?:him|"
        r"her|me|them)\b",
        rf"(?:hit|hits|hitting|beat|beats|beaten|beating|punch(?:ed|es|ing)?|kick(?:ed|s|ing)?|"
        rf"slap(?:ped|s|ping)?|smack(?:ed|s|ing)?|shak(?:e|es|en|ing)|shook|strangl\w*|chok(?:ed|es|"
        rf"ing)|throttl\w*|shov(?:ed|es|ing)|push(?:ed|es)|dragg(?:ed|ing)|drag|burnt|burned|bit|"
        rf"bitten) {_PERSON}",
        r"beat(?:en|ing)? (?:up|him up|her up|me up)",
        r"bruis\w*",
        r"black eye",
        r"broken (?:arm|bone|wrist|nose|ribs?)",
        r"restrain\w*",
        r"restraint",
        r"held (?:him|her|them) down",
        r"pinned (?:him|her|them|me) down",
        r"locked (?:him|her|them|me) in",
        r"locked in (?:a|the|his|her|their) (?:room|cupboard|toilet)",
        r"isolation room",
        r"(?:been|being|got|gets|get|was|were) (?:punched|kicked|slapped|hit|beaten|smacked|"
        r"strangled|choked|attacked|assaulted|hurt|pushed|shoved|bitten|burnt|burned|thrown|grabbed|"
        r"dragged)",
        r"physically hurt",
        r"hurt (?:him|her|them) on purpose",
    ],
    "violence": [
        r"violen(?:t|ce)",
        r"assault\w*",
        r"attack(?:ed|s|ing)? (?:me|him|her|them|us|by)",
        r"stabb\w*",
        r"knife",
        r"knives",
        r"weapon",
        r"\bgun\b",
        r"\bfight(?:s|ing)? with (?:a|an) (?:adult|man|woman)",
        r"\bwas attacked",
    ],
    "threats": [
        r"threat(?:en|ened|ening|ens|s)?\b",
        r"intimidat\w*",
        r"(?:kill|hurt|harm) (?:you|me|him|her|them|us)\b",
        r"blackmail\w*",
    ],
    "neglect": [
        r"(?:fridge|cupboards?|cupboard) (?:is|are|was|were) (?:empty|bare)",
        r"sleep in (?:our |their |my )?coats",
        r"left (?:\w+ ){0,2}(?:at|on|by) the (?:roadside|side of the road|road|kerb|curb)",
        r"\blice\b",
        r"no clean clothes",
        r"(?:go|goes|going|went|gone) without (?:meals|food|eating|a meal)",
        r"without (?:food|water|meals|a drink)",
        r"(?:hasn't|has not|haven't|have not|hadn't|didn't|doesn't|not|never) (?:had|have|get|got|"
        r"getting|eaten|eat|eating|given) (?:a |any )?(?:proper |hot |decent )?(?:meal|meals|food|"
        r"dinner|breakfast|lunch|tea)",
        r"(?:nobody|no one|no-one) (?:is )?(?:washing|changing|feeding|bathing|cleaning|dressing|"
        r"looking after)",
        r"(?:not|never|isn't|wasn't) (?:being )?(?:washed|changed|bathed|cleaned)",
        r"neglect\w*",
        r"(?:not|isn't|isnt|never|wasn't|wasnt) (?:being )?fed\b",
        r"(?:goes|go|going|went|comes?|came) (?:to school )?hungry",
        r"no food (?:in|at) (?:the|our) (?:house|home)",
        r"left (?:alone|on (?:his|her|their) own) (?:all day|at home|for hours|overnight)",
        r"home alone",
        r"unwashed",
        r"dirty clothes",
        r"(?:no|without) (?:heating|electricity|food)\b",
        r"sleeping rough",
        r"sleeping in (?:the|a|our) car",
        r"sofa[- ]surf\w*",
        r"homeless\w*",
        r"not (?:being )?looked after",
        r"nobody (?:is )?looking after",
        r"left in (?:a|his|her|their) (?:wet|soiled|dirty) (?:nappy|pad|clothes)",
    ],
    "not safe": [
        r"\w+n't(?: \w+){0,5} safe\b",
        r"(?:terrified|petrified|scared stiff)\b",
        r"(?:scared|afraid|frightened) (?:of|to) (?:go|going|be|being|use|"
        r"using) (?:\w+ ){0,3}(?:home|alone|toilets?|changing rooms?|bus|taxi|there)",
        r"(?<!never )(?<!not )unsafe",
        r"(?:not|never|isn't|isnt|wasn't|wasnt|doesn't|doesnt|don't|dont|didn't|didnt|"
        r"no longer)(?: \w+){0,5} safe\b",
        r"in danger",
        r"at risk\b",
        r"(?:scared|afraid|frightened|terrified) (?:to go home|of going home|of (?:his|her|my|"
        r"their) (?:dad|mum|father|mother|stepdad|step-dad|partner|husband|brother|uncle|carer))",
        r"(?:scared|afraid|frightened|terrified) (?:of|to be around) (?:him|her|them|an adult|a man|"
        r"that man)",
        r"(?:doesn't|doesnt|won't|wont|refuses to) (?:want to )?go home",
        r"safeguarding (?:concern|issue|referral|alert|risk|matter|incident|problem)s?",
        r"(?:called|rang|phoned|contact(?:ed)?) (?:the )?police",
        r"social services (?:were )?(?:involved|called)",
        r"keeps? (?:it|things) (?:a )?secret",
        r"told (?:him|her|me) (?:not to tell|to keep (?:it )?(?:a )?secret)",
    ],
    "running away": [
        r"wander(?:s|ed|ing)? (?:out|off|away)",
        r"r[au]n(?:s|ning)? off\b",
        r"found (?:him|her|them) (?:\w+ ){0,2}(?:hours|miles|later|wandering)",
        r"disappear(?:s|ed|ing)? (?:from|out of|off)",
        r"found (?:\w+ ){0,2}by (?:the )?(?:police|canal|river|railway|road|motorway|stranger|"
        r"a stranger)",
        r"found (?:wandering|walking) (?:\w+ ){0,3}(?:alone|on (?:his|her|their) own|at night|"
        r"streets?)",
        r"r[au]n(?:s|ning)? away",
        r"r[au]n(?:s|ning)? off from",
        r"abscond\w*",
        r"(?:went|gone|goes|going) missing",
        r"missing from (?:home|school|care)",
        r"(?:climbs?|climbed|escaped?|escaping) (?:out of|over) (?:the )?(?:window|fence|gate)",
        r"escap(?:ed|es|ing) from (?:school|home)",
    ],
    "exploitation": [
        r"(?:met|meet|meets|meeting) (?:\w+ ){0,3}online",
        r"(?:grown|older|adult|strange) (?:man|men|woman|women|adults?|boys?)",
        r"(?:turning|turns|turned|turn) up (?:\w+ ){0,2}(?:outside|at) (?:the )?(?:school|house|"
        r"home|gates?|door)",
        r"offer(?:ed|s|ing)? (?:him|her|them|my \w+) (?:money|drugs|alcohol|cigarettes|vapes|a lift|"
        r"gifts|presents)",
        r"\bgangs?\b",
        r"(?:deliver|delivering|carry|carrying|hold|holding) (?:packages|parcels|bags|packets) for",
        r"older (?:boyfriend|girlfriend|friend)",
        r"(?:messag|text|chat|talk)\w* (?:\w+ ){0,4}(?:asking|wanting|wants|"
        r"asked) (?:\w+ ){0,2}to meet",
        r"meet up with (?:an? )?(?:adult|man|men|stranger|older)",
        r"(?:taking|takes|take|took) advantage of",
        r"new (?:phones?|trainers|clothes|money)(?: and| or)? (?:\w+ ){0,2}(?:we|i) (?:didn't|"
        r"did not|never) (?:give|buy)",
        r"money (?:\w+ ){0,2}(?:we|i) (?:didn't|did not|never) give",
        r"(?:gifts|presents|money) from (?:an? )?(?:older|adult|man|men|stranger|someone online)",
        r"(?:made|make|makes|making|forced|forcing|force) (?:him|her|them|my \w+) (?:to )?(?:steal|"
        r"sell|carry|hide)",
        r"exploit\w*",
        r"county lines",
        r"groom(?:ed|ing)\b",
        r"traffick\w*",
        r"(?:older|adult) (?:men|man|boys|boyfriend)",
        r"(?:sell|selling|carry|carrying|deliver\w*) drugs",
        r"radicali[sz]\w*",
        r"forced (?:marriage|to)",
    ],
    "crisis": [
        r"wits'? end",
        r"(?:how|know how) (?:much|many) (?:longer|more) (?:i|we) can",
        r"walk out and (?:never|not) (?:come back|return)",
        r"(?:can't|cant|cannot|can not|couldn't) (?:take|do|cope with|handle|manage|stand) (?:this |"
        r"it |much )?(?:any ?more|any longer|much longer|much more|on my own|alone)",
        r"(?:i'm|im|i am|i feel|we are|we're) (?:\w+ ){0,2}(?:broken|desperate|drowning|"
        r"at rock bottom|falling apart)",
        r"feel like (?:ending|giving up|giving in|walking out|running away)",
        rf"{_WE} {_CANT} cope",
        rf"{_CANT} cope any ?(?:more|longer)",
        r"(?:i'm|im|i am|we're|we are) not coping",
        r"breaking point",
        r"(?:nervous|mental) breakdown",
        r"falling apart",
        rf"{_CANT} (?:do|take) (?:this|it) any ?(?:more|longer)",
        r"end of (?:my|our) tether",
        r"no way out",
        r"in crisis",
        r"crisis team",
        r"desperate for help",
    ],
    "bullying": [
        r"bull(?:y|ied|ies|ying)\b",
        r"picked on",
        r"cyber[- ]?bull\w*",
    ],
    "possible risk": [
        r"hurt(?:s|ing)?\b",
        r"harm(?:s|ed|ing)?\b",
        r"hit(?:s|ting)?\b",
        r"punch\w*",
        r"kick(?:s|ed|ing)\b",
        r"slap\w*",
        r"grab(?:s|bed|bing)?\b",
        r"throat",
        r"chok\w*",
        r"strangl\w*",
        r"bruis\w*",
        r"bleed\w*",
        r"blood\b",
        r"injur\w*",
        r"attack\w*",
        r"assault\w*",
        r"abus\w*",
        r"threat\w*",
        r"stalk\w*",
        r"scared",
        r"afraid",
        r"frighten\w*",
        r"terrif\w*",
        r"danger\w*",
        r"unsafe",
        r"die\b",
        r"died\b",
        r"dying",
        r"dead\b",
        r"death",
        r"kill\w*",
        r"suicid\w*",
        r"overdos\w*",
        r"pills\b",
        r"drugs\b",
        r"drunk\b",
        r"weapon\w*",
        r"knife",
        r"knives",
        r"police",
        r"missing\b",
        r"wander\w*",
        r"starv\w*",
        r"hungry",
        r"neglect\w*",
        r"soiled",
        r"secret\w*",
        r"stranger\w*",
        r"groom\w*",
        r"exploit\w*",
        r"sex\w*",
        r"naked",
        r"nude\w*",
        r"drag(?:s|ged|ging)?\b",
        r"locked\b",
        r"jump\w*",
        r"noose",
        r"hang(?:s|ed|ing)\b",
        # Signs practitioners are trained to notice, phrased in everyday words: marks and injuries,
        # rough handling, despair, exploitation, absconding, unmet care needs, fear at home.
        r"(?:hand ?prints?|finger ?marks?|bite marks?|burn marks?|black eye|fractur\w*|broken (?:arm|wrist|bone))",
        r"(?<!full )(?<!top )(?<!good )(?<!high )(?:marks|cuts|scratches|burns|scars) (?:on|all over) "
        r"(?:his|her|their|my) (?:face|arms?|legs?|body|back|neck|wrists?|cheeks?|skin|head)",
        r"cut(?:s|ting)? (?:his|her|their|my) (?:arms?|legs?|wrists?|skin|thighs?|stomach)",
        r"self[- ]?(?:medicat\w*|destruct\w*|injur\w*|loath\w*)",
        r"(?:punch|slap|kick|smack|shov|thump|headbutt|bit|pinch)(?:ed|es|s|ing|ped|ping)?"
        r" (?:him|her|them|me|my \w+|our \w+)\b",
        r"(?:shak|grabb?|pull|yank|twist|drag)(?:es|s|ed|ing)? (?:him|her|them|my \w+)?(?: by)? ?(?:his|her|their|my)? "
        r"(?:ear|ears|hair|arm|arms|neck|collar|throat)\b",
        r"(?:restrain\w*|pinned (?:him |her |them )?down|held (?:him |her |them )?down|face down)",
        r"(?:screams?|screamed|screaming|shouts?|shouted|shouting|swears?|swore) (?:in|at) (?:his|her|their|my|our) "
        r"(?:face|child|son|daughter|children|kids?)",
        r"(?:calls?|called|calling) (?:him|her|them|me|my \w+) (?:stupid|thick|useless|an idiot|names|retard\w*)",
        r"(?:break|breaks|broke|smash\w*|throw\w*|threw) (?:things|furniture|doors?|plates|windows?|the house)",
        r"\b999\b",
        r"(?:called|ring|rang|phoned|call) (?:the )?(?:police|ambulance)",
        r"aggress\w* (?:at|in the) home",
        r"dread\w*",
        r"(?:no|can't see a|cannot see a|there's no|there is no) way out",
        r"(?:reached|at|come to) (?:the|my) (?:end|limit|breaking point)",
        r"end of (?:my|our|her|his) tether",
        r"nothing left (?:in|of) (?:me|us|her|him)",
        r"(?:i|we|she|he|they)(?: just| really)? (?:can't|cannot|can not|couldn't) "
        r"(?:go on|cope|take (?:it|any ?more)|do this any ?more)",
        r"(?:disappear|vanish)(?:ed|ing|s)? (?:for ?ever|for good|from (?:the|this) world)",
        r"(?:writ\w*|made|make) (?:a|his|her|my) will\b",
        r"(?:giving|gave|give) (?:away )?(?:his|her|my) (?:things|belongings|stuff) away",
        r"(?:touch|touched|touching|touches|fondl\w*|groped?) (?:him|her|them|me|my \w+)\b",
        r"(?:inappropriate|indecent|sexual|private) (?:photos?|pictures?|images?|messages?|touching|contact)",
        r"(?:send|sent|sending|post|posted|share|shared) (?:\w+ ){0,2}(?:photos?|pictures?|images?|videos?)",
        r"(?:older|adult) (?:men|man|lads|boys|males)",
        r"(?:favours?|gifts?|money|cash|phones?|trainers) (?:from|off) (?:strangers?|people|someone|men|adults?)",
        r"(?:sending|sends|gives?|giving) (?:him|her|them|my \w+) (?:money|cash|gifts?)",
        r"(?:cannabis|weed|spice|vap\w* thc|county lines|gangs?\b|drug deal\w*|alcohol|vodka)",
        r"(?:into|in) (?:cars?|vans?) with (?:people|men|strangers|adults|someone)",
        r"(?:escaped|absconded|ran off|runs off|run off|bolted|got out of (?:school|the unit|the house))",
        r"(?:dual carriageway|main road|motorway|railway line|train tracks?)",
        r"left (?:alone|on (?:his|her|their) own|unsupervised|unattended)",
        r"(?:dirty|soiled|same) clothes",
        r"(?:smell|smells|smelling|smelt) (?:of|really|terrible|awful)",
        r"(?:not|never|isn't|wasn't) (?:been )?(?:given|getting|fed|washed|changed)(?: \w+){0,2} "
        r"(?:medication|medicine|meds|food|meals?|insulin|epilepsy)",
        r"(?:medication|medicine|meds|insulin) (?:was |were |is )?(?:missed|not given|forgotten|withheld)",
        r"(?:take|took|taking) (?:the|my|our) (?:children|kids|son|daughter) (?:away )?(?:and|so) (?:i|we)",
        r"never see (?:them|him|her|the children|the kids) again",
        r"(?:afraid|scared|frightened|terrified) (?:of|to go home|to be at home|to go to)",
        # Overdose, despair, financial abuse, coercive control, online contact, missing education,
        # unnoticed absence, not eating, command hallucinations.
        r"(?:paracetamol|ibuprofen|tablets|painkillers|bottle of pills|whole (?:packet|box|bottle))",
        r"(?:swallow|swallowed|swallowing|took|taken|taking) (?:a |an |the |all |some )?(?:\w+ )?(?:of )?"
        r"(?:pills|tablets|medication|bleach)",
        r"(?:wasn't|weren't|was not|were not|not|no longer) (?:around|here|alive) any ?more",
        r"(?:happier|better off|easier) (?:if|when|without) (?:i|he|she|they|me|him|her)\b",
        r"(?:taking|taken|took|takes|stealing|stole|steals|spending) (?:\w+ ){0,2}(?:money|benefits|pension|cash)"
        r"(?: out of| from| off)?",
        r"(?:money|cash|benefits) (?:out of|from) (?:his|her|their|my) (?:account|purse|wallet|card)",
        r"controls? (?:where|what|who|when|how|everything|her|him|me|my)\b",
        r"checks? (?:her|his|my) (?:phone|messages)",
        r"(?:won't|will not|doesn't|does not) let (?:me|her|him|them) (?:see|go|leave|out)",
        r"meet (?:up|them|him|her) (?:alone|in person|on (?:his|her) own)",
        r"(?:an? )?(?:adult|man|woman|stranger|someone|older \w+) (?:\w+ ){0,3}(?:messag\w*|chat\w*|online|"
        r"snapchat|instagram|tiktok|whatsapp|discord)",
        r"(?:hasn't|has not|haven't|have not|not) been (?:to|in|at) (?:school|college) (?:for|since)",
        r"(?:no one|nobody|no-one) (?:has )?(?:checked|noticed|seen|visited|came|fed|washed|changed)",
        r"(?:lost (?:a lot of |so much )?weight|stopped eating|not eating|won't eat anything)",
        r"voices? (?:tell|telling|told|say|saying)",
        r"(?:would be|be|are|were) better (?:off )?(?:with|without) (?:me|someone else|somebody else|another)",
        r"(?:so|really|very) low\b",
        # Weapons, honour-based abuse and trafficking, radicalisation, homelessness, restrictive
        # practice, rough care, pressure sores, images shared with strangers, ending things.
        r"(?:stab\w*|shoot\w*|shot (?:him|her|at)|guns?\b|machete|blade)",
        r"(?:forced (?:marriage|to marry)|married off|fgm|female genital|cut (?:girls|her) (?:abroad|down there))",
        r"(?:out of the country|abroad|back home to) (?:\w+ ){0,4}(?:hasn't|has not|didn't|did not|not) "
        r"(?:come|came|been) back",
        r"(?:traffick\w*|modern slavery|sold to|made to work)",
        r"(?:radicali[sz]\w*|extremis\w*|terroris\w*)",
        r"(?:sleeping|slept|living) (?:rough|in (?:the|a|our) (?:car|tent|hostel))",
        r"evicted|nowhere to (?:live|sleep|go)",
        r"(?:isolation room|seclusion|secluded|locked (?:in|out)|shut (?:him|her|them) in)",
        r"(?:made|make|makes|forced|force|forces) (?:him|her|them|my \w+) (?:to )?(?:stand|sit|stay|eat|strip)",
        r"(?:without|no|missed|withheld|withholding|denied) (?:his |her |their )?(?:lunch|dinner|breakfast|meals?|"
        r"food|drink|water)",
        r"(?:rough|too rough|heavy handed|manhandl\w*) with (?:him|her|them|my \w+)",
        r"(?:makes?|made|making) (?:him|her|them|my \w+) cry",
        r"(?:pressure sores?|bed ?sores?|sores\b|nappy rash|wet (?:pad|nappy|bed) all)",
        r"(?:pictures?|photos?|images?|videos?) of (?:herself|himself|themselves|her body|his body)",
        r"(?:met|meets|meeting|talks? to|talking to|chatting to) (?:\w+ ){0,2}(?:online|in a game|on a game|on an app)",
        r"end (?:things|it all|everything|my life|her life|his life)",
        r"(?:not|never|hasn't|has not|hadn't|wasn't) (?:been )?(?:fed|given (?:a )?(?:drink|food|meal))",
    ],
}
# Clearly benign uses, removed before matching: training, policies, named roles, "never felt unsafe",
# "blood test", "hit and miss".
BENIGN = re.compile(
    r"safeguarding (?:training|policy|policies|lead|leads|team|officer|procedures?|course|update|level \d)"
    r"|(?:no|without|never had any) (?:safeguarding )?(?:concerns?|issues?)\b(?! about)"
    r"|\b(?:never|not|isn't|wasn't|don't|didn't|doesn't)(?: \w+){0,2} (?:unsafe|neglected)\b"
    r"|\bblood (?:tests?|pressure|sugars?|samples?|results?|forms?|counts?|taken)\b"
    r"|\bhit and miss\b|\bdead end\b|\bdie[- ]hard\b",
)


@dataclass(frozen=True)
class TriageResult:
    """Whether a text needs urgent safeguarding review, and why (the categories matched)."""

    flagged: bool
    reason: str = ""
    categories: list[str] = field(default_factory=list)


# Detection runs on every comment, so it is one pattern without capture groups, dispatched on first
# letters; only a comment that matches is checked category by category (most serious first).
_DETECT = dispatching_pattern([p for phrasings in PATTERNS.values() for p in phrasings], r"\b")
_CATEGORIES = {category: dispatching_pattern(phrasings, r"\b") for category, phrasings in PATTERNS.items()}


MODEL_REASON = "possible risk (reads like a disclosure)"
MODEL_MIN_WORDS = 4  # a handful of words is too little for the model to judge
# "She feels safe with her keyworker": a plain statement of safety, with no negation anywhere, is not
# sent to the model (the phrase rules still see it).
_SAFE_STATEMENT = re.compile(r"\b(?:feels?|felt|feeling|is|was|are|were|kept|keeps?|stays?|stayed) (?:\w+ )?safe\b")
_NEGATION = re.compile(r"\b(?:not|never|no|nobody|nothing|isn't|wasn't|doesn't|don't|didn't|can't|won't)\b")


def _model_text(text: str) -> str | None:
    """The text the model should judge, or None when there is nothing for it to judge."""
    cleaned = BENIGN.sub(" ", clean_text(text).lower())
    if len(cleaned.split()) < MODEL_MIN_WORDS:
        return None
    if _SAFE_STATEMENT.search(cleaned) and not _NEGATION.search(cleaned):
        return None
    return cleaned


def rule_triage(text: str) -> TriageResult:
    """The phrase rules alone: flag with the risk categories they name."""
    # Lower-cased text matched case-sensitively: several times faster than re.IGNORECASE.
    cleaned = BENIGN.sub(" ", clean_text(text).lower())
    if not _DETECT.search(cleaned):
        return TriageResult(False)
    categories = [category for category, pattern in _CATEGORIES.items() if pattern.search(cleaned)]
    return TriageResult(True, ", ".join(categories), categories)


def triage_many(texts: Sequence[str]) -> list[TriageResult]:
    """Triage many texts: the rules, then the learned model for what the rules let through."""
    results = [rule_triage(text) for text in texts]
    model = shipped_model()
    judged = {i: _model_text(texts[i]) for i, result in enumerate(results) if not result.flagged and texts[i]}
    unflagged = [i for i, text in judged.items() if text]
    if model is not None and unflagged:
        scores = model.scores([judged[i] for i in unflagged])
        for i, score in zip(unflagged, scores, strict=True):
            if score >= model.threshold:
                results[i] = TriageResult(True, MODEL_REASON, ["possible risk"])
    return results


def triage(text: str) -> TriageResult:
    """Flag text for urgent safeguarding review; reason names the risk categories found."""
    return triage_many([text])[0]
