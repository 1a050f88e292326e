package corpus

// The sentence templates below are filled by words.expand: {title} and
// {lower} name the condition, {kind} is its condition word ("strain"),
// {lpart} its main body part; {part}, {muscle}, {med}, {sensation},
// {activity}, {feeling}, {cause}, {method} and {goal} are drawn at random.

func summaryTemplates() []string {
	return []string{
		"Massage can ease the {sensation} of {lower} and help you {goal} again.",
		"{title} makes the {lpart} feel {feeling}. Gentle massage can loosen the {muscle} and calm the pain.",
		"How massage therapy eases {lower}, from the {sensation} in your {lpart} to the {feeling} {part}.",
		"A {feeling} {lpart} and {sensation} when {activity}: how massage can help with {lower}.",
	}
}

func symptomTemplates() []string {
	return []string{
		"{sensation} in the {lpart}", "{sensation} when {activity}", "{lpart} feels {feeling} in the morning",
		"pain that spreads into the {part}", "trouble {activity}", "{feeling} {part} after {activity}",
		"{sensation} around the {part} at night", "pain down the {part}", "{lpart} {sensation}",
	}
}

func introTemplates() []string {
	return []string{
		"{title} is one of the most common reasons people book a massage with us.",
		"It usually shows up as {sensation} in the {lpart}, and it can make {activity} feel like hard work.",
		"Some people notice it most when {activity}; others feel it as a {feeling}, {feeling} {part} at the end of the day.",
		"The {muscle} around the {lpart} tighten to protect it, and that tightness becomes a source of pain in itself.",
		"Many clients tell us they have lived with it for months before asking for help.",
		"It is rarely dangerous, but it can wear you down and affect your sleep, your work and your mood.",
		"The good news is that the {muscle} respond well to patient, careful hands-on work.",
		"Massage will not replace your doctor's advice, but it can make the days in between much easier.",
	}
}

func whyTemplates() []string {
	return []string{
		"{title} rarely has a single cause.",
		"Most often it builds up slowly from {cause}, until the {muscle} stay tight even at rest.",
		"Sometimes it starts suddenly after {cause}.",
		"When the {lpart} hurts we move differently, and the {muscle} nearby start to carry extra load.",
		"Stress and poor sleep make every one of these causes worse, because a tired nervous system turns the volume of pain up.",
		"{med} structures such as tendons and fascia can become irritated when they are overloaded for weeks.",
	}
}

func helpTemplates() []string {
	return []string{
		"We start with {method} to warm the {muscle} and let you settle.",
		"Then we move to {method} on the areas that feel most {feeling}, always at a pressure you choose.",
		"As the {muscle} let go, the {lpart} usually moves more freely and the {sensation} eases.",
		"Many clients notice the difference the same evening, when {activity} is a little easier.",
		"The effect builds over a few sessions, especially alongside the simple stretches we show you.",
		"We check in with you throughout, and you can ask us to change or stop anything at any time.",
		"Better blood flow brings warmth to tired tissue and helps it recover between sessions.",
		"Our aim is practical: to help you {goal} with less pain.",
	}
}

func helpsMostTemplates() []string {
	return []string{
		"{lower} that has lasted more than a few weeks", "tightness from {cause}",
		"{sensation} that gets worse when {activity}", "recovery once a doctor has ruled out injury",
		"stiffness that eases once you start moving", "pain made worse by stress or poor sleep",
		"{feeling} {part} after sport or long days of work",
	}
}

func cautionLeads() []string {
	return []string{
		"**See a doctor first**, and call 911 in an emergency, if you notice:",
		"**Seek medical help before booking** if you have:",
	}
}
