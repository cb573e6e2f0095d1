import type { Phrasebook } from './phrasebook.js';

export const portuguese: Phrasebook = {
  defaultAudience: 'meus colegas',
  focusFillers: ['os fundamentos', 'os detalhes', 'a consistência'],
  beats: {
    STORYTELLING: [
      [
        'Há alguns anos, eu tinha certeza de que entendia {topic}. Então um projeto desandou e eu vi um plano que tinha defendido por semanas desmoronar em uma única reunião.',
        'Tudo começou numa terça-feira qualquer. Estávamos atrasados, o time estava cansado e {topic} era aquilo que todo mundo continuava adiando.',
      ],
      [
        'O que mudou foi pequeno. Alguém fez uma pergunta melhor sobre {k1} e, de repente, o problema real ficou óbvio.',
        'A virada não foi uma ferramenta nem um método. Foi admitir que as nossas certezas sobre {k1} estavam ultrapassadas.',
      ],
      [
        'Olhando para trás, a lição é simples: em {topic}, quem presta atenção em {k2} antes de virar urgência sai na frente.',
        'A lição à qual eu sempre volto: o progresso em {topic} vem de conversas honestas, não de apresentações mais longas.',
      ],
    ],
    THOUGHT_LEADERSHIP: [
      [
        'A maioria das conversas sobre {topic} foca no que não importa. Falamos de ferramentas e orçamentos, quando a vantagem real está em como {audience} tomam decisões todos os dias.',
        'Minha opinião: {topic} não é mais assunto só de especialistas. É uma habilidade de liderança, e aparece em cada plano, cada contratação e cada avaliação.',
      ],
      [
        'Primeiro, {k1} se acumula. Melhorias pequenas e constantes valem mais do que uma grande reforma que ninguém mantém.',
        'Primeiro, clareza vale mais do que volume. Quando todos sabem por que {k1} importa, são necessárias menos reuniões para avançar.',
      ],
      [
        'Segundo, {k2} revela cedo as suposições frágeis. Isso incomoda, mas também é o momento mais barato para corrigi-las.',
        'Segundo, o custo de ignorar {k2} cresce em silêncio até aparecer como atrasos, rotatividade ou esgotamento.',
      ],
    ],
    EDUCATIONAL: [
      ['Um jeito simples de começar com {topic}:', 'Três passos que tornam {topic} mais fácil de acertar:'],
      [
        '1. Comece pelo resultado que você quer, não pela ferramenta de que você gosta.\n2. Deixe {k1} visível, para que todos vejam a mesma coisa.\n3. Revise {k2} toda semana e ajuste uma coisa de cada vez.',
        '1. Escreva em uma frase como é um bom resultado em {k1}.\n2. Escolha uma única medida para {k2} e acompanhe durante um mês.\n3. Compartilhe o que aprender com {audience} que enfrentam o mesmo problema.',
      ],
      [
        'O erro mais comum é querer mudar tudo de uma vez. Com {topic}, a constância ganha do espetacular.',
        'Um erro que vejo com frequência: tratar {k1} como um projeto pontual em vez de uma rotina. Os resultados vêm da rotina.',
      ],
    ],
    INDUSTRY_INSIGHT: [
      [
        'Algo está mudando em {topic}. O que antes era um diferencial está virando rapidamente o mínimo esperado de {audience}.',
        'A conversa sobre {topic} mudou mais no último ano do que nos cinco anos anteriores.',
      ],
      [
        'Três forças estão por trás disso: expectativas maiores, ferramentas melhores para {k1} e a pressão para mostrar resultados com times menores.',
        'Por que agora? Porque adotar {k1} está cada vez mais barato, enquanto ficar para trás em {k2} custa cada vez mais caro.',
      ],
      [
        'Para {audience}, isso significa sair da fase de experimentar com {k2} e passar a operar de forma confiável.',
        'Na prática, os times que investirem em {k2} agora vão definir o padrão que todos os outros terão de alcançar no ano que vem.',
      ],
    ],
    COMPANY_CULTURE: [
      [
        'Na semana passada, o nosso time fez algo que eu gostaria de ver em muito mais empresas: paramos para conversar abertamente sobre {topic}.',
        'Cultura é o que as pessoas fazem quando ninguém está olhando. Para nós, isso aparece em {topic}.',
      ],
      [
        'É simples: a cada poucas semanas contamos o que funcionou, o que não funcionou e o que aprendemos sobre {k1}. Sem slides e sem culpados.',
        'Transformamos {k1} em parte de como planejamos, e não em algo deixado para o fim. Quem chega percebe isso já na primeira semana.',
      ],
      [
        'O resultado é um time que levanta os problemas cedo e se ajuda com {k2} sem que ninguém precise pedir.',
        'Isso nos deixou mais rápidos, mas sobretudo mais gentis uns com os outros quando algo dá errado.',
      ],
    ],
    PRODUCT_ANNOUNCEMENT: [
      [
        'Construímos isso porque {audience} nos diziam a mesma coisa sem parar: {topic} toma tempo demais e exige ferramentas demais.',
        'Durante meses ouvimos {audience} contarem as suas dificuldades com {topic}. Este lançamento é a nossa resposta.',
      ],
      [
        'O que você consegue fazer:\n• ter uma visão clara de {k1} em minutos\n• gastar menos tempo com tarefas repetitivas\n• compartilhar na hora o andamento de {k2} com o seu time',
        'Com isso você pode:\n• configurar {k1} sem um treinamento longo\n• ver num relance o que está funcionando\n• manter {k2} nos trilhos enquanto o seu time cresce',
      ],
      [
        'É o resultado de centenas de conversas e muitas iterações, e temos muito orgulho do que o time entregou.',
        'Um enorme obrigado às primeiras pessoas que testaram, quebraram e ajudaram a melhorar.',
      ],
    ],
    PLAIN: [
      [
        'Ultimamente tenho pensado muito em {topic}, principalmente porque o assunto não para de aparecer nas minhas conversas com {audience}.',
        'Tem uma coisa sobre {topic} que eu demorei tempo demais para aprender.',
      ],
      [
        'O padrão que vejo sempre: quem consegue bons resultados com {topic} foca primeiro em {k1} e deixa o resto para depois.',
        'O que funciona raramente é complicado. Um pouco de constância com {k1}, opiniões sinceras e paciência.',
      ],
    ],
  },
  tones: {
    PROFESSIONAL: {
      hooks: [
        '{Topic} não é mais um projeto paralelo. É uma vantagem competitiva.',
        'Os melhores times com quem trabalho tratam {topic} como uma disciplina, não como uma iniciativa.',
      ],
      bridges: ['Isto é o que os dados e a experiência mostram.', 'Algumas observações depois de trabalhar com {audience}.'],
      calls: [
        'Como a sua organização está lidando com {topic}? Gostaria muito de ler a sua visão nos comentários.',
        'O que funcionou no seu time? Compartilhe a sua experiência aqui embaixo.',
      ],
    },
    CASUAL: {
      hooks: ['Tá, vamos falar sério sobre {topic}.', 'Será que a gente pode falar um minuto sobre {topic}?'],
      bridges: ['A questão é a seguinte.', 'E foi aqui que eu cheguei.'],
      calls: ['E você, o que acha? Me conta nos comentários.', 'Sou só eu que passo por isso? Me diz aqui embaixo.'],
    },
    INSPIRATIONAL: {
      hooks: [
        'Toda grande mudança em {topic} começa com uma pessoa que decide tentar.',
        'Você não precisa de permissão para melhorar em {topic}. Você precisa de um primeiro passo.',
      ],
      bridges: ['O progresso é construído, não encontrado.', 'Isto é o que eu vi acontecer muitas e muitas vezes.'],
      calls: [
        'Qual passo você vai dar nesta semana? Compartilhe aqui embaixo e inspire mais alguém.',
        'Continue. E me conta nos comentários: o que faz você seguir em frente?',
      ],
    },
    EDUCATIONAL: {
      hooks: [
        'Quer melhorar em {topic}? Aqui vai um método prático que você pode usar ainda hoje.',
        'A maioria dos conselhos sobre {topic} é vaga demais para aplicar. Aqui vai algo concreto.',
      ],
      bridges: ['Vamos por partes.', 'É assim que funciona na prática.'],
      calls: [
        'Salve para depois e deixe a sua melhor dica sobre {topic} nos comentários.',
        'Qual passo você acrescentaria? Compartilhe aqui embaixo para que outras pessoas aprendam também.',
      ],
    },
    STORYTELLING: {
      hooks: ['Eu quase desisti de {topic}. Então uma conversa me fez mudar de ideia.', 'O pior erro que cometi com {topic} foi o que mais me ensinou.'],
      bridges: ['Foi isto que aconteceu.', 'Deixa eu contar como foi.'],
      calls: ['Você já viveu um momento assim? Eu adoraria conhecer a sua história.', 'Qual é a lição que está com você há mais tempo? Me conta aqui embaixo.'],
    },
    HUMOROUS: {
      hooks: ['Minha relação com {topic} se resume numa frase: “é complicado”.', 'Tentei dominar {topic} num fim de semana. O fim de semana venceu.'],
      bridges: ['Brincadeiras à parte, tem uma lição de verdade aqui.', 'Mas falando sério, foi isto que eu aprendi.'],
      calls: [
        'Me conta o seu momento mais absurdo com {topic} nos comentários. Preciso me sentir menos sozinho.',
        'Seja sincero: qual destes é você? Comenta aqui embaixo.',
      ],
    },
  },
  fallbackHashtags: {
    STORYTELLING: ['aprendizado', 'carreira', 'liderança'],
    THOUGHT_LEADERSHIP: ['liderança', 'estratégia', 'inovação'],
    EDUCATIONAL: ['aprendizado', 'dicas', 'desenvolvimento'],
    INDUSTRY_INSIGHT: ['tendências', 'inovação', 'negócios'],
    COMPANY_CULTURE: ['culturaorganizacional', 'trabalhoemequipe', 'liderança'],
    PRODUCT_ANNOUNCEMENT: ['lançamento', 'inovação', 'startups'],
    PLAIN: ['carreira', 'crescimento', 'liderança'],
  },
};
