import type { Phrasebook } from './phrasebook.js';

export const french: Phrasebook = {
  defaultAudience: 'mes collègues',
  focusFillers: ['les fondamentaux', 'les détails', 'la régularité'],
  beats: {
    STORYTELLING: [
      [
        "Il y a quelques années, j'étais sûr de comprendre le sujet {topic}. Puis un projet a dérapé et j'ai vu un plan que je défendais depuis des semaines s'effondrer en une seule réunion.",
        "Tout a commencé un mardi comme les autres. Nous étions en retard, l'équipe était fatiguée, et {topic} était ce que tout le monde repoussait.",
      ],
      [
        "Ce qui a changé était minuscule. Quelqu'un a posé une meilleure question sur {k1}, et d'un coup le vrai problème est devenu évident.",
        "Le tournant n'a été ni un outil ni une méthode. Il a fallu admettre que nos certitudes sur {k1} étaient dépassées.",
      ],
      [
        'Avec le recul, la leçon est simple : en matière de {topic}, ce sont celles et ceux qui surveillent {k2} avant que ça devienne urgent qui avancent.',
        'La leçon à laquelle je reviens toujours : les progrès sur {topic} viennent de conversations honnêtes, pas de présentations plus longues.',
      ],
    ],
    THOUGHT_LEADERSHIP: [
      [
        "La plupart des discussions sur {topic} se trompent de cible. On parle d'outils et de budgets, alors que le vrai avantage se joue dans la façon dont {audience} prennent leurs décisions chaque jour.",
        "Mon avis : {topic} n'est plus une affaire de spécialistes. C'est une compétence de leadership, et elle se voit dans chaque plan, chaque recrutement et chaque revue.",
      ],
      [
        "D'abord, {k1} se cumule. De petites améliorations régulières valent mieux qu'une grande refonte que personne n'entretient.",
        "D'abord, la clarté l'emporte sur le volume. Quand chacun sait pourquoi {k1} compte, il faut moins de réunions pour avancer.",
      ],
      [
        "Ensuite, {k2} révèle très tôt les hypothèses fragiles. C'est inconfortable, mais c'est aussi le moment où les corriger coûte le moins cher.",
        "Ensuite, le prix à payer quand on néglige {k2} grandit en silence, jusqu'à se traduire en retards, en départs ou en épuisement.",
      ],
    ],
    EDUCATIONAL: [
      ['Une façon simple de se lancer sur le sujet {topic} :', 'Trois étapes pour réussir plus facilement avec {topic} :'],
      [
        "1. Partez du résultat que vous voulez, pas de l'outil que vous aimez.\n2. Rendez {k1} visible, pour que tout le monde voie la même chose.\n3. Faites le point sur {k2} chaque semaine et ne changez qu'une chose à la fois.",
        '1. Décrivez en une phrase à quoi ressemble un bon résultat pour {k1}.\n2. Choisissez un seul indicateur pour {k2} et suivez-le pendant un mois.\n3. Partagez ce que vous apprenez avec {audience} qui ont le même problème.',
      ],
      [
        "L'erreur la plus fréquente est de vouloir tout changer d'un coup. Avec {topic}, la régularité bat le spectaculaire.",
        "Une erreur que je vois souvent : traiter {k1} comme un projet ponctuel plutôt que comme une habitude. C'est l'habitude qui donne les résultats.",
      ],
    ],
    INDUSTRY_INSIGHT: [
      [
        'Quelque chose est en train de bouger autour de {topic}. Ce qui était un simple plus devient vite le niveau minimum sur lequel on juge {audience}.',
        "Le débat sur {topic} a plus changé au cours de l'année écoulée que pendant les cinq années précédentes.",
      ],
      [
        'Trois forces sont à l’œuvre : des attentes plus élevées, de meilleurs outils pour {k1} et la pression de livrer des résultats avec des équipes plus petites.',
        'Pourquoi maintenant ? Parce que {k1} coûte de moins en moins cher à adopter, alors que prendre du retard sur {k2} coûte de plus en plus.',
      ],
      [
        "Pour {audience}, cela veut dire passer de l'expérimentation sur {k2} à une pratique fiable au quotidien.",
        "Concrètement, les équipes qui investissent aujourd'hui dans {k2} fixeront la norme que les autres devront atteindre l'an prochain.",
      ],
    ],
    COMPANY_CULTURE: [
      [
        "La semaine dernière, notre équipe a fait quelque chose que j'aimerais voir dans bien plus d'entreprises : nous avons pris le temps de parler franchement de {topic}.",
        "La culture, c'est ce que les gens font quand personne ne regarde. Chez nous, cela se voit dans notre rapport à {topic}.",
      ],
      [
        "C'est tout simple : toutes les quelques semaines, nous partageons ce qui a marché, ce qui n'a pas marché et ce que nous avons appris sur {k1}. Sans slides et sans reproches.",
        'Nous avons fait de {k1} une partie de notre façon de planifier, pas une pensée de dernière minute. Les nouveaux le remarquent dès leur première semaine.',
      ],
      [
        "Résultat : une équipe qui signale les problèmes tôt et qui s'entraide sur {k2} sans qu'on ait besoin de le demander.",
        'Cela nous a rendus plus rapides, mais surtout plus bienveillants les uns envers les autres quand les choses tournent mal.',
      ],
    ],
    PRODUCT_ANNOUNCEMENT: [
      [
        "Nous l'avons construit parce que {audience} nous répétaient toujours la même chose : {topic} demande trop de temps et trop d'outils.",
        'Pendant des mois, nous avons écouté {audience} nous raconter leurs difficultés avec {topic}. Ce lancement est notre réponse.',
      ],
      [
        "Ce que cela vous permet :\n• avoir une vue claire sur {k1} en quelques minutes\n• passer moins de temps sur les tâches répétitives\n• partager instantanément l'avancement de {k2} avec votre équipe",
        "Avec cet outil, vous pouvez :\n• mettre en place {k1} sans longue prise en main\n• voir d'un coup d'œil ce qui fonctionne\n• garder {k2} sous contrôle pendant que votre équipe grandit",
      ],
      [
        "C'est le fruit de centaines de conversations et de nombreuses itérations, et nous sommes fiers de ce que l'équipe a livré.",
        "Un immense merci aux premiers utilisateurs qui l'ont testé, l'ont cassé et l'ont rendu meilleur.",
      ],
    ],
    PLAIN: [
      [
        'Ces derniers temps, je pense beaucoup à {topic}, surtout parce que le sujet revient sans cesse dans mes échanges avec {audience}.',
        "Il y a une chose sur {topic} qu'il m'a fallu beaucoup trop de temps pour comprendre.",
      ],
      [
        'Ce que je constate encore et encore : les personnes qui obtiennent de bons résultats avec {topic} se concentrent d’abord sur {k1} et gardent le reste pour plus tard.',
        'Ce qui marche est rarement compliqué. Un peu de régularité avec {k1}, des retours honnêtes et de la patience.',
      ],
    ],
  },
  tones: {
    PROFESSIONAL: {
      hooks: [
        "{Topic} n'est plus un projet secondaire. C'est un avantage concurrentiel.",
        'Les meilleures équipes avec qui je travaille traitent {topic} comme une discipline, pas comme une initiative.',
      ],
      bridges: ["Voici ce que montrent les données et l'expérience.", 'Quelques observations tirées de mon travail avec {audience}.'],
      calls: [
        'Comment votre organisation aborde-t-elle {topic} ? Votre point de vue m’intéresse, partagez-le en commentaire.',
        "Qu'est-ce qui a fonctionné dans votre équipe ? Partagez votre expérience ci-dessous.",
      ],
    },
    CASUAL: {
      hooks: ['Bon, parlons franchement de {topic}.', 'On peut parler deux minutes de {topic} ?'],
      bridges: ['Voilà le truc.', "Et voilà où j'en suis arrivé."],
      calls: ["Et toi, t'en penses quoi ? Dis-le-moi en commentaire.", 'Je suis le seul dans ce cas ? Dites-le-moi en dessous.'],
    },
    INSPIRATIONAL: {
      hooks: [
        'Chaque grand changement autour de {topic} commence par une personne qui décide d’essayer.',
        "Vous n'avez besoin de la permission de personne pour progresser sur {topic}. Il vous faut un premier pas.",
      ],
      bridges: ['Le progrès se construit, il ne se trouve pas.', "Voici ce que j'ai vu encore et encore."],
      calls: [
        'Quel pas allez-vous faire cette semaine ? Partagez-le en commentaire pour inspirer quelqu’un d’autre.',
        "Continuez. Et dites-moi en commentaire : qu'est-ce qui vous fait avancer ?",
      ],
    },
    EDUCATIONAL: {
      hooks: [
        'Vous voulez progresser sur {topic} ? Voici une méthode pratique à utiliser dès aujourd’hui.',
        'La plupart des conseils sur {topic} sont trop vagues pour être appliqués. Voici du concret.',
      ],
      bridges: ['Prenons les choses dans l’ordre.', 'Voici comment cela fonctionne en pratique.'],
      calls: [
        'Enregistrez ce post et partagez votre meilleur conseil sur {topic} en commentaire.',
        'Quelle étape ajouteriez-vous ? Partagez-la ci-dessous pour que chacun en profite.',
      ],
    },
    STORYTELLING: {
      hooks: [
        "J'ai failli abandonner {topic}. Puis une seule conversation m'a fait changer d'avis.",
        "La pire erreur que j'ai faite avec {topic} est celle qui m'a le plus appris.",
      ],
      bridges: ["Voici ce qui s'est passé.", "Je vous raconte comment ça s'est passé."],
      calls: [
        "Avez-vous vécu un moment comme celui-là ? J'aimerais beaucoup lire votre histoire.",
        'Quelle est la leçon qui vous accompagne depuis le plus longtemps ? Racontez-la-moi en commentaire.',
      ],
    },
    HUMOROUS: {
      hooks: [
        "Ma relation avec {topic} se résume en trois mots : « c'est compliqué ».",
        "J'ai voulu maîtriser {topic} en un week-end. C'est le week-end qui a gagné.",
      ],
      bridges: ['Blague à part, il y a une vraie leçon là-dedans.', "Mais sérieusement, voici ce que j'ai appris."],
      calls: [
        'Racontez-moi votre moment le plus absurde avec {topic} en commentaire. Ça me rassurera.',
        'Soyez honnêtes : lequel de ces profils est le vôtre ? Dites-le en commentaire.',
      ],
    },
  },
  fallbackHashtags: {
    STORYTELLING: ['retourdexpérience', 'carrière', 'leadership'],
    THOUGHT_LEADERSHIP: ['leadership', 'stratégie', 'innovation'],
    EDUCATIONAL: ['apprentissage', 'conseils', 'formation'],
    INDUSTRY_INSIGHT: ['tendances', 'innovation', 'entreprise'],
    COMPANY_CULTURE: ['cultureentreprise', 'travaildéquipe', 'management'],
    PRODUCT_ANNOUNCEMENT: ['lancement', 'innovation', 'startups'],
    PLAIN: ['carrière', 'développement', 'leadership'],
  },
};
