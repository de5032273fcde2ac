"""The phrase rules for safeguarding triage: each risk category's phrasings, and the clearly benign uses.

``analysis.triage`` compiles and applies them; they live here so the rules can be read (and changed) apart from
the code that runs them. Categories are in order, most serious first.
"""

from analysis.triage_signs import POSSIBLE_RISK

_SELF = r"(?:my|him|her|them|your|our)sel(?:f|ves)"
_PERSON = r"(?:me|him|her|them|us|my \w+|our \w+|his \w+|the \w+)"
_WE = r"(?:i|we|i'm|im|i am|we're|we are|she|he|mum|dad|mummy)"
_CANT = r"(?:can't|cant|cannot|can not|couldn't|could not)"

# Category -> phrasings. Apostrophes in the input are straightened by clean_text first.
PATTERNS: dict[str, list[str]] = {
    "suicide": [
        # A passive wish not to exist or not to be part of things ("better if I wasn't part of it").
        r"(?:if|wish|wishes|wished|wishing|rather|better) (?:that )?(?:i|he|she|they)(?: just)? (?:wasn't|weren't|"
        r"was not|were not|wasnt|didn't|did not|could stop|could just stop) (?:\w+ )?(?:part of (?:it|this|that|"
        r"anything|things|everything|the family|this family|this world|the world|life)|exist(?:ing)?|born)\b",
        r"(?:wish|wishes|wished|wishing|want|wants|wanted|wanting|rather) (?:\w+ ){0,4}(?:stop|stopped|not|never|"
        r"didn't) (?:to )?exist(?:ed|ing)?\b",
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
        r"(?:i'm|i am|i feel|i felt|feels?|felt|feeling|(?:he|she)(?:'s| is)|they're|they are|be|just) (?:like )?"
        r"(?:such |a real |a big |a massive )?(?:a )?burden\b",
        r"burden (?:on|to) (?:my|our|his|her|the|their) (?:family|families|parents|mum|dad|kids|children)",
        r"burden (?:on|to) (?:everyone|everybody|us|them|people)",
        # Passive suicidal thinking in casual words, with no "kill", "die" or "suicide".
        r"(?:happier|better|fine|easier|quieter|calmer|simpler) (?:off )?(?:for (?:everyone|everybody|them|you|us|"
        r"my family) )?(?:if i|if he|if she|without (?:me|him|her))\b",
        r"if i (?:just )?(?:wasn't|weren't|was not|were not) (?:around|here)",
        r"(?:if|when) i (?:was|were|am) gone",
        r"tired of (?:being (?:here|alive)|living|life|it all|everything)",
        r"(?:point|reason) (?:in|of) (?:me )?(?:even )?(?:being here|being alive|existing|carrying on|trying)",
        r"(?:want|wants|wanted|wanting|wish|wishes|wished) (?:i|he|she|to) (?:could )?(?:just )?"
        r"(?:disappear|vanish|not exist|not be here|not wake up|sleep for ever|go to sleep and not)",
        r"(?:go|went|going) to sleep and (?:not|never) wake",
        r"done with (?:everything|life|it all|living|being alive)",
        r"(?:can't|cannot) be bothered (?:with|to) (?:life|living|anything any ?more|be here)",
        r"(?:cares?|notice|miss) if (?:i'm|i am|i was|i were|i) (?:here|alive|gone|dead|not here)",
        r"(?:waste of space|waste of oxygen|shouldn't have been born|should never have been born)",
        r"(?:doesn't|don't|didn't) deserve (?:to (?:live|be here|be alive|eat)|food|to be happy|anything)",
        r"nothing to live for",
        r"hat(?:e|es|ed|ing) (?:my|him|her|them)sel(?:f|ves)",
        r"(?:sleep|go to sleep) and never wake",
        # Hopelessness in everyday words (after held-out set E).
        r"(?:never|not) (?:ever )?going to get (?:any )?better",
        r"why (?:even )?bother (?:trying|living|with anything|getting up|carrying on)",
        r"(?:can't|cannot|can not|don't|doesn't|couldn't) see (?:any|a) (?:future|way forward|way out|light)",
        r"(?:it's|it is|everything's|everything is|life is|life's) (?:all )?(?:just )?(?:black|pointless|hopeless)\b",
        # Passive suicidal thinking and hopelessness in more everyday words (after held-out set D).
        r"(?:not|no longer|wasn't|weren't|isn't) (?:being |be )?(?:in the picture|around|here|in this world|"
        r"on this earth|alive) any ?(?:more|longer)",
        r"(?:if i|i wish i|i want to|i wanna|i'd|i would|i could|i should|i might) (?:just |could |rather )?"
        r"(?:went|go|gone|going|disappear\w*|slip|slipped|fade|faded) away (?:for good|4 good|for ever|forever|"
        r"and never came back)",
        r"(?:wish(?:es|ed)?|want(?:s|ed)?) (?:it|everything|life|it all) (?:was|were|to be|would be) (?:all )?over",
        r"no (?:reason|point) (?:to|in|for me to) (?:get(?:ting)? up|wak(?:e|ing) up|get out of bed)",
        r"(?:given up|giving up|give up) (?:hoping|hope|on (?:everything|myself|himself|herself|life|living|trying))",
        r"(?:lost all hope|there's no hope|there is no hope|no hope left|"
        r"nothing (?:is )?(?:ever )?going to (?:change|get better))",
        r"(?:picture|picturing|imagine|imagining|plan|planning|think about|thinking about|thinks about) (?:\w+ ){0,3}"
        r"(?:my|his|her|their) (?:own )?funeral",
        r"(?:save|spare|saving|sparing) (?:everyone|everybody|them|my family|my parents|you all|us all) the (?:bother|"
        r"trouble|hassle|worry|cost)",
        r"suicid\w*",
        rf"kill(?:s|ed|ing)? {_SELF}",
        r"(?:end|take|taking|ending|ended|took) (?:my|his|her|their) (?:own )?li(?:fe|ves)",
        r"want(?:s|ed|ing)? to die",
        r"wish(?:es|ed)? (?:i|he|she|they)(?: \w+){0,2} (?:dead|never (?:been )?born|(?:not|wasn't|weren't) (?:alive|"
        r"here|around|born)|gone for ever)",
        r"(?:better|be) off dead",
        r"better off without (?:me|him|her|them)",
        r"(?:rather|sooner) be dead",
        r"(?:don't|dont|doesn't|doesnt|didn't|not) want(?:s|ing)? to (?:live|be alive|be here|exist|"
        r"wake up)",
        r"no (?:reason|point) (?:to|in) (?:live|living|going on|being here)",
        r"overdos\w*",
        r"(?:jump|jumped|jumping) (?:off|in front)",
        r"hang(?:ed|ing)? {_SELF}",
        r"(?:nobody|no one|no-one) would (?:even )?(?:miss|care|notice)",
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
        # Self-harm described by what was used and where.
        r"(?:blade|razor|sharpener|compass|lighter|scissors|broken glass|glass|knife|pins?|needles?) "
        r"(?:on|to|into|across|against) (?:his|her|my|their) (?:arms?|legs?|thighs?|wrists?|skin|hands?|stomach|"
        r"tummy|body)",
        r"(?:burns?|burnt|burned|burning|scratch(?:es|ed|ing)?|cuts?|cutting|carv\w*|pierc\w*|stabs?|stabbing) "
        r"(?:his|her|my|their) (?:own )?(?:arms?|legs?|thighs?|wrists?|hands?|skin|stomach|tummy|body)"
        r"(?: \w+){0,3} with",
        r"with (?:a|the|his|her|my) (?:pencil sharpener|sharpener blade|compass|lighter|razor|blade|broken glass)",
    ],
    "sexual abuse": [
        # Grooming: secrecy about touch or gifts, or "special" touch from an adult outside the family.
        r"(?:not to|don't|dont|never|mustn't|must not|shouldn't|can't|won't|not allowed to) tell (?:\w+ ){0,4}"
        r"(?:about )?(?:our|the|his|her|their|them|those) (?:\w+ )?(?:cuddles?|hugs?|kiss\w*|tickl\w*|massages?|"
        r"touch\w*|presents?|gifts?|money|sweets|games?|sleepovers?|photos?|chats?|messages?|lifts?|rides?|"
        r"visits?|baths?|showers?)\b",
        r"(?:cuddles?|hugs?|kiss\w*|tickl\w*|massages?|touch\w*|presents?|gifts?|money|sweets|photos?|messages?) "
        r"(?:\w+ ){0,5}(?:is|are|was|were|be|as|stays?|stay|kept|keep|keeps) (?:our|a|their|his) (?:little |special |"
        r"big )?secret\b",
        r"(?:teacher|coach|tutor|leader|instructor|uncle|stepdad|step-dad|man|neighbour|driver|escort|carer|lodger|"
        r"babysitter|mum's boyfriend|mum's friend|dad's friend)(?:'s)? (?:\w+ ){0,6}(?:special|secret) "
        r"(?:cuddles?|hugs?|kisses|tickles?|tickling|massages?|touch\w*|games?|baths?|presents?|gifts?)\b",
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
        # Domestic abuse witnessed by a child.
        r"(?:kids|children|child|son|daughter|they|he|she|baby|the little ones) (?:\w+ )?(?:hear|hears|heard|see|sees|"
        r"saw|seen|watch\w*) (?:\w+ ){0,2}(?:shout\w*|scream\w*|hit\w*|push\w*|hurt\w*|smash\w*|fight\w*|beat\w*|"
        r"attack\w*|throw\w*|threw|strangl\w*|chok\w*)",
        r"(?:shouting|screaming) and (?:smashing|throwing|breaking|hitting)",
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
        r"(?:puts?|putting|shuts?|shutting|makes? (?:me|him|her|them) (?:stay|sit|sleep)) (?:me |him |her |them )?"
        r"in (?:the|a) (?:cupboard|cellar|shed|garage|cage|box|loft|dark)",
        r"locked in (?:a|the|his|her|their) (?:room|cupboard|toilet)",
        r"isolation room",
        r"(?:been|being|got|gets|get|was|were) (?:punched|kicked|slapped|hit|beaten|smacked|"
        r"strangled|choked|attacked|assaulted|hurt|pushed|shoved|bitten|burnt|burned|thrown|grabbed|"
        r"dragged)",
        r"physically hurt",
        # Restraint until unable to breathe.
        r"(?:couldn't|could not|can't|cannot|unable to|struggl\w* to|hard to) breathe",
        r"sat on (?:him|her|them|me|my \w+)",
        r"(?:sits?|sitting|kneel(?:s|ed|ing)?|knelt|lean(?:s|ed|ing)?|lies|lay|lying) on (?:him|them|me)\b",
        r"(?:sits?|sitting|kneel(?:s|ed|ing)?|knelt|lean(?:s|ed|ing)?) on her(?= (?:when|until|to|and|so|while|"
        r"because|if|in the|on the|for)\b|[.,!]|$)",
        r"(?:push|pushed|pushes|pushing|shove|shoved|threw|throws|throw|kicked|dragged) (?:mum|mam|mummy|dad|daddy|"
        r"me|her|him|my \w+) (?:down|into|against|across|out of|off)",
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
        r"(?:says?|said|told (?:me|him|her|them)|threaten\w*) (?:that )?(?:i'm|i am|you're|you are|he's|she's|i'll be|"
        r"you'll be|he'll be|she'll be) (?:\w+ )?next\b",
    ],
    "neglect": [
        # A child left in charge of younger children overnight, or with no adult at home.
        r"(?:look\w* after|mind\w*|babysit\w*|car(?:e|es|ed|ing) for|in charge of|feed\w*|fed|put\w* to bed) "
        r"(?:my|his|her|their|the|our) (?:\w+ ){0,2}(?:sis|sister|sisters|brother|brothers|bro|siblings|little ones|"
        r"younger ones|babies|baby|twins|kids)\b(?: \w+){0,4} (?:all night|overnight|every night|at night|all "
        r"weekend|till (?:mum|dad|mam) (?:gets|comes) (?:home|back)|(?:cos|because|when|while|as) (?:mum|dad|mam|"
        r"our mum|our dad|they|my mum|my dad|his mum|her mum) (?:\w+ )?(?:goes|go|went|is|was|are|were)(?: \w+)? "
        r"(?:out|away|drunk|asleep|in bed|never up|not up|not home|not there))",
        r"(?:the one who|has to|have to|had to|always) (?:gets?|got) the (?:little ones|younger ones|babies|kids|"
        r"baby|twins) (?:up|dressed|fed|to school|to bed)",
        r"(?:mum|dad|mam|parents?|they) (?:is|are|was|were|'s|'re) never (?:up|out of bed|awake|sober)"
        r"(?= (?:to|in time|for|and|so|because|cos)\b|[.,!;]|$)",
        r"(?:no|not an?|never an?) (?:adults?|grown[- ]?ups?|parents?) (?:\w+ )?(?:at home|in the house|in the flat|"
        r"home|there) (?:at night|overnight|all night|all weekend|for days|most nights)",
        r"(?:missing|missed|misses|miss) (?:every|all|each|several|most|lots of) (?:of )?(?:his |her |their |the )?"
        r"(?:\w+ ){0,2}(?:follow[- ]?ups?|appointments?|check[- ]?ups?|reviews?|clinics?)",
        r"(?:home|in the house|in the flat) (?:on (?:their|his|her) own|alone|by (?:them|him|her)sel(?:f|ves)) "
        r"(?:for|all)",
        r"(?:dog|cat|animal) (?:mess|poo|faeces|urine|wee)|(?:poo|rubbish|mould|urine|needles) (?:all )?(?:over|on) "
        r"the (?:floor|carpet|beds?|kitchen)",
        r"(?:missing|missed|misses|miss) (?:all )?(?:his|her|their|the) (?:hospital |medical |doctor'?s? |dental |"
        r"dentist |clinic )?appointments",
        r"(?:never|not|hasn't been|haven't been|wasn't) (?:been )?taken to (?:the )?(?:doctor|gp|dentist|hospital|"
        r"appointments?|clinic)",
        r"(?:never|not|doesn't|don't|didn't|won't|wouldn't|hasn't|haven't|refuses? to|refused to) (?:take|took|taken|"
        r"takes|bring|brought|brings) (?:him|her|them|the \w+|my \w+|his \w+|her \w+) to (?:the |any |a |his |her )?"
        r"(?:\w+ )?(?:doctor|gp|dentist|hospital|appointments?|clinic|optician|opticians|check-?ups?)",
        r"(?:always|often|constantly) (?:starving|hungry|cold|dirty|smelly)",
        r"never (?:has|have|had|gets|get) (?:any )?(?:breakfast|lunch|dinner|tea|food|a meal|clean clothes)",
        r"left (?:on (?:their|his|her) own|alone|by (?:them|him|her)sel(?:f|ves)) (?:all|every|at night|"
        r"overnight|for (?:hours|days|the)|while)",
        r"(?:hasn't|has not|not) been (?:checked|changed|washed|fed) (?:for|since|in)",
        r"(?:fridge|cupboards?|cupboard) (?:is|are|was|were) (?:empty|bare)",
        r"(?:had|having had|has had|gets|got|get|with) no (?:tea|dinner|supper|breakfast|food|meal|lunch)",
        r"(?:shoes|trainers|clothes|uniform|coat) (?:have|has|with|full of) holes|holes in (?:his|her|their) (?:shoes|"
        r"trainers|clothes|uniform|coat)",
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
        # A child missing from school with the family not answering.
        r"(?:don't|doesn't|didn't|won't|aren't|isn't|never) answer(?:ing)? (?:the )?(?:door|phone|calls?|"
        r"messages|letters|emails)",
        r"(?:can't|cannot|couldn't|can not) (?:get hold of|contact|reach|find) (?:the )?(?:family|parents?|mum|dad|"
        r"carers?|him|her|them)",
        r"(?:nobody|no one|no-one) (?:has )?(?:seen|heard from) (?:him|her|them|the family)",
        r"(?:not|hasn't|has not|haven't) (?:been )?(?:seen|in school|at school) (?:for|since) (?:\w+ )?"
        r"(?:weeks|months|days|easter|christmas|half term|the holidays|september)",
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
        # A child's adult or much older boyfriend or girlfriend ("a 19 year old boyfriend who collects her").
        # The age is looked behind for, so the pattern is dispatched on "y", not on every digit.
        r"(?:(?<=\b1[89] )|(?<=\b1[89]-)|(?<=\b[2-9]\d )|(?<=\b[2-9]\d-))(?:year|yr)s?[- ]old "
        r"(?:boyfriend|girlfriend|bf|gf)\b",
        r"older (?:boyfriend|girlfriend|bf|gf)\b",
        r"(?:boyfriend|girlfriend|bf|gf) (?:who is|who's|is|that is|that's) (?:1[89]|[2-9]\d)\b",
        r"(?:give|gives|gave|giving|pay|pays|paid) (?:him|her|them|my \w+) (?:money|cash|\w+ quid) to "
        r"(?:take|carry|deliver|hold|drop|move|sell)",
        r"(?:take|takes|took|taking|carry|carries|carrying) (?:bags|packages|parcels|a bag|stuff) (?:to|across|for)",
        r"(?:owes?|owed|owing) (?:someone|them|people|a man|men|him|some \w+|these \w+) money",
        r"work (?:it|the debt) off",
        r"(?:\d+|twenty|thirty|forty)[ -]year[ -]old (?:\w+ )?(?:bought|buys|gave|gives|sends?|sent|"
        r"picks? (?:her|him) up)",
        r"(?:man|men|older \w+|adult|someone online|boyfriend) (?:\w+ )?(?:bought|buys|gave|gives) (?:her|him|them) "
        r"(?:a |an )?(?:new )?(?:phone|phones|trainers|clothes|money|vapes|alcohol|drugs|nails)",
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
    "possible risk": POSSIBLE_RISK,
}
