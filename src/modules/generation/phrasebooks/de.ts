import type { Phrasebook } from './phrasebook.js';

export const german: Phrasebook = {
  defaultAudience: 'Kolleginnen und Kollegen',
  focusFillers: ['die Grundlagen', 'die Details', 'Beständigkeit'],
  beats: {
    STORYTELLING: [
      [
        'Vor ein paar Jahren war ich sicher, dass ich das Thema {topic} verstanden hatte. Dann lief ein Projekt aus dem Ruder, und ein Plan, den ich wochenlang verteidigt hatte, fiel in einem einzigen Meeting auseinander.',
        'Es begann an einem ganz normalen Dienstag. Wir waren im Verzug, das Team war müde, und {topic} war genau das, was alle immer wieder verschoben.',
      ],
      [
        'Was sich geändert hat, war klein. Jemand stellte eine bessere Frage zu {k1}, und plötzlich war das eigentliche Problem offensichtlich.',
        'Der Wendepunkt war kein Tool und keine Methode. Es war das Eingeständnis, dass unsere Annahmen über {k1} veraltet waren.',
      ],
      [
        'Im Rückblick ist die Lektion einfach: Beim Thema {topic} gewinnen die, die sich um {k2} kümmern, bevor es dringend wird.',
        'Die Lektion, auf die ich immer wieder zurückkomme: Fortschritt bei {topic} entsteht durch ehrliche Gespräche, nicht durch längere Foliensätze.',
      ],
    ],
    THOUGHT_LEADERSHIP: [
      [
        'Die meisten Diskussionen über {topic} drehen sich um das Falsche. Wir reden über Tools und Budgets, dabei liegt der echte Vorteil darin, wie {audience} jeden Tag entscheiden.',
        'Meine Sicht: {topic} ist längst kein Thema nur für Fachleute mehr. Es ist eine Führungsaufgabe, und sie zeigt sich in jedem Plan, jeder Einstellung und jedem Review.',
      ],
      [
        'Erstens: {k1} wirkt wie Zinseszins. Kleine, stetige Verbesserungen schlagen den großen Umbau, den am Ende niemand pflegt.',
        'Erstens: Klarheit schlägt Menge. Wenn alle wissen, warum {k1} wichtig ist, braucht es weniger Meetings, um voranzukommen.',
      ],
      [
        'Zweitens: {k2} deckt schwache Annahmen früh auf. Das ist unbequem, aber genau dann ist es am günstigsten, sie zu korrigieren.',
        'Zweitens: Die Kosten, {k2} zu ignorieren, wachsen leise, bis sie als Verzögerung, Fluktuation oder Erschöpfung sichtbar werden.',
      ],
    ],
    EDUCATIONAL: [
      ['So gelingt der Einstieg in das Thema {topic}:', 'Drei Schritte, mit denen {topic} leichter gelingt:'],
      [
        '1. Beginne mit dem Ergebnis, das du willst, nicht mit dem Tool, das dir gefällt.\n2. Mach {k1} sichtbar, damit alle dasselbe Bild haben.\n3. Prüfe {k2} jede Woche und ändere immer nur eine Sache.',
        '1. Beschreibe in einem Satz, wie ein gutes Ergebnis bei {k1} aussieht.\n2. Wähle eine einzige Kennzahl für {k2} und verfolge sie einen Monat lang.\n3. Teile, was du lernst, mit {audience}, die vor demselben Problem stehen.',
      ],
      [
        'Der häufigste Fehler ist, alles auf einmal ändern zu wollen. Bei {topic} schlägt Beständigkeit jedes Feuerwerk.',
        'Ein Fehler, den ich oft sehe: {k1} als einmaliges Projekt zu behandeln statt als Routine. Die Ergebnisse kommen aus der Routine.',
      ],
    ],
    INDUSTRY_INSIGHT: [
      [
        'Beim Thema {topic} verschiebt sich gerade etwas. Was früher ein nettes Extra war, wird schnell zum Maßstab, an dem {audience} gemessen werden.',
        'Die Diskussion über {topic} hat sich im letzten Jahr stärker verändert als in den fünf Jahren davor.',
      ],
      [
        'Drei Kräfte treiben das an: höhere Erwartungen, bessere Werkzeuge für {k1} und der Druck, mit kleineren Teams Ergebnisse zu liefern.',
        'Warum gerade jetzt? Weil {k1} immer günstiger wird, während es immer teurer wird, bei {k2} zurückzufallen.',
      ],
      [
        'Für {audience} heißt das: weg vom Experimentieren mit {k2}, hin zu einem verlässlichen Betrieb.',
        'In der Praxis setzen die Teams, die jetzt in {k2} investieren, den Standard, an dem sich alle anderen im nächsten Jahr messen lassen müssen.',
      ],
    ],
    COMPANY_CULTURE: [
      [
        'Letzte Woche hat unser Team etwas getan, das ich mir von viel mehr Unternehmen wünsche: Wir haben uns Zeit genommen, offen über {topic} zu sprechen.',
        'Kultur ist das, was Menschen tun, wenn niemand hinschaut. Bei uns zeigt sich das beim Thema {topic}.',
      ],
      [
        'Es ist ganz einfach: Alle paar Wochen erzählen wir, was funktioniert hat, was nicht und was wir über {k1} gelernt haben. Ohne Folien und ohne Schuldzuweisungen.',
        'Wir haben {k1} zu einem festen Teil unserer Planung gemacht, nicht zu einer Nebensache. Neue Kolleginnen und Kollegen merken das schon in der ersten Woche.',
      ],
      [
        'Das Ergebnis ist ein Team, das Probleme früh anspricht und sich bei {k2} gegenseitig hilft, ohne dass jemand darum bitten muss.',
        'Es hat uns schneller gemacht, vor allem aber freundlicher zueinander, wenn etwas schiefgeht.',
      ],
    ],
    PRODUCT_ANNOUNCEMENT: [
      [
        'Wir haben es gebaut, weil {audience} uns immer wieder dasselbe gesagt haben: {topic} kostet zu viel Zeit und braucht zu viele Tools.',
        'Monatelang haben wir {audience} zugehört, wie sie mit {topic} kämpfen. Dieser Launch ist unsere Antwort darauf.',
      ],
      [
        'Damit kannst du:\n• in wenigen Minuten einen klaren Überblick über {k1} bekommen\n• weniger Zeit mit wiederkehrenden Aufgaben verbringen\n• Fortschritte bei {k2} sofort mit deinem Team teilen',
        'Das ermöglicht dir:\n• {k1} ohne lange Einarbeitung aufzusetzen\n• auf einen Blick zu sehen, was funktioniert\n• {k2} im Griff zu behalten, während dein Team wächst',
      ],
      [
        'Es ist das Ergebnis von Hunderten Gesprächen und vielen Iterationen, und wir sind stolz auf das, was das Team geschafft hat.',
        'Ein großes Dankeschön an alle, die es früh getestet, kaputt gemacht und dadurch besser gemacht haben.',
      ],
    ],
    PLAIN: [
      [
        'In letzter Zeit denke ich viel über {topic} nach, vor allem weil das Thema in Gesprächen mit {audience} ständig auftaucht.',
        'Es gibt etwas beim Thema {topic}, für das ich viel zu lange gebraucht habe.',
      ],
      [
        'Das Muster, das ich immer wieder sehe: Wer mit {topic} gute Ergebnisse erzielt, kümmert sich zuerst um {k1} und erst danach um den Rest.',
        'Was funktioniert, ist selten kompliziert. Ein bisschen Beständigkeit bei {k1}, ehrliches Feedback und Geduld.',
      ],
    ],
  },
  tones: {
    PROFESSIONAL: {
      hooks: [
        '{Topic} ist kein Nebenprojekt mehr. Es ist ein Wettbewerbsvorteil.',
        'Die besten Teams, mit denen ich arbeite, behandeln {topic} als Disziplin, nicht als Initiative.',
      ],
      bridges: ['Das zeigen die Zahlen und die Erfahrung.', 'Ein paar Beobachtungen aus der Arbeit mit {audience}.'],
      calls: [
        'Wie geht Ihre Organisation das Thema {topic} an? Ich freue mich auf Ihre Sicht in den Kommentaren.',
        'Was hat in Ihrem Team funktioniert? Teilen Sie Ihre Erfahrungen gern unten.',
      ],
    },
    CASUAL: {
      hooks: ['Mal ehrlich, reden wir über {topic}.', 'Können wir kurz über {topic} sprechen?'],
      bridges: ['Die Sache ist die.', 'Und da bin ich gelandet.'],
      calls: ['Wie siehst du das? Schreib es mir in die Kommentare.', 'Bin ich der Einzige, dem es so geht? Sag es mir unten.'],
    },
    INSPIRATIONAL: {
      hooks: [
        'Jede große Veränderung beim Thema {topic} beginnt mit einem Menschen, der es einfach versucht.',
        'Du brauchst keine Erlaubnis, um bei {topic} besser zu werden. Du brauchst einen ersten Schritt.',
      ],
      bridges: ['Fortschritt wird gebaut, nicht gefunden.', 'Das habe ich immer wieder erlebt.'],
      calls: [
        'Welchen Schritt gehst du diese Woche? Teile ihn unten und inspiriere andere.',
        'Mach weiter. Und erzähl mir in den Kommentaren: Was treibt dich an?',
      ],
    },
    EDUCATIONAL: {
      hooks: [
        'Du willst beim Thema {topic} besser werden? Hier ist ein praktischer Ansatz, den du heute nutzen kannst.',
        'Die meisten Tipps zu {topic} sind zu vage, um sie umzusetzen. Hier ist etwas Konkretes.',
      ],
      bridges: ['Schauen wir es uns Schritt für Schritt an.', 'So funktioniert es in der Praxis.'],
      calls: [
        'Speichere dir den Beitrag und schreib deinen besten Tipp zu {topic} in die Kommentare.',
        'Welchen Schritt würdest du ergänzen? Teile ihn unten, damit alle davon lernen.',
      ],
    },
    STORYTELLING: {
      hooks: [
        'Fast hätte ich beim Thema {topic} aufgegeben. Dann hat ein einziges Gespräch meine Meinung geändert.',
        'Mein größter Fehler bei {topic} hat mich am meisten gelehrt.',
      ],
      bridges: ['Das ist passiert.', 'Ich erzähle dir, wie es lief.'],
      calls: [
        'Hast du so einen Moment auch erlebt? Ich würde deine Geschichte gern hören.',
        'Welche Lektion begleitet dich schon am längsten? Erzähl es mir unten.',
      ],
    },
    HUMOROUS: {
      hooks: [
        'Meine Beziehung zum Thema {topic} lässt sich am besten so beschreiben: „Es ist kompliziert.“',
        'Ich wollte {topic} an einem Wochenende meistern. Das Wochenende hat gewonnen.',
      ],
      bridges: ['Spaß beiseite, dahinter steckt eine echte Lektion.', 'Aber im Ernst, das habe ich gelernt.'],
      calls: [
        'Erzähl mir deinen lustigsten Moment mit {topic} in den Kommentaren. Ich will mich weniger allein fühlen.',
        'Sei ehrlich: Welcher davon bist du? Schreib es unten.',
      ],
    },
  },
  fallbackHashtags: {
    STORYTELLING: ['erfahrungen', 'karriere', 'führung'],
    THOUGHT_LEADERSHIP: ['führung', 'strategie', 'innovation'],
    EDUCATIONAL: ['lernen', 'tipps', 'weiterbildung'],
    INDUSTRY_INSIGHT: ['trends', 'innovation', 'wirtschaft'],
    COMPANY_CULTURE: ['unternehmenskultur', 'teamarbeit', 'führung'],
    PRODUCT_ANNOUNCEMENT: ['produktlaunch', 'innovation', 'startups'],
    PLAIN: ['karriere', 'wachstum', 'führung'],
  },
};
