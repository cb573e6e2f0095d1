import type { Phrasebook } from './phrasebook.js';

export const spanish: Phrasebook = {
  defaultAudience: 'mis colegas',
  focusFillers: ['los fundamentos', 'los detalles', 'la constancia'],
  beats: {
    STORYTELLING: [
      [
        'Hace unos años estaba convencido de que entendía {topic}. Luego un proyecto se torció y vi cómo un plan que había defendido durante semanas se venía abajo en una sola reunión.',
        'Todo empezó un martes cualquiera. Íbamos con retraso, el equipo estaba cansado y {topic} era lo que todos seguían aplazando.',
      ],
      [
        'Lo que cambió fue algo pequeño. Alguien hizo una pregunta mejor sobre {k1} y, de repente, el problema real quedó a la vista.',
        'El punto de inflexión no fue una herramienta ni un método. Fue reconocer que nuestras ideas sobre {k1} se habían quedado viejas.',
      ],
      [
        'Visto con perspectiva, la lección es sencilla: en {topic} ganan quienes prestan atención a {k2} antes de que sea urgente.',
        'La lección a la que siempre vuelvo: el progreso en {topic} nace de conversaciones sinceras, no de presentaciones más largas.',
      ],
    ],
    THOUGHT_LEADERSHIP: [
      [
        'Casi todas las conversaciones sobre {topic} se centran en lo que no es. Hablamos de herramientas y presupuestos, cuando la ventaja real está en cómo deciden {audience} cada día.',
        'Mi opinión: {topic} ya no es un asunto de especialistas. Es una habilidad de liderazgo, y se nota en cada plan, cada contratación y cada revisión.',
      ],
      [
        'Primero, {k1} se acumula. Las mejoras pequeñas y constantes valen más que una gran reforma que nadie mantiene.',
        'Primero, la claridad gana al volumen. Cuando todos saben por qué importa {k1}, hacen falta menos reuniones para avanzar.',
      ],
      [
        'Segundo, {k2} saca a la luz las suposiciones débiles muy pronto. Es incómodo, pero también es el momento más barato para corregirlas.',
        'Segundo, el coste de ignorar {k2} crece en silencio hasta que aparece en forma de retrasos, rotación o cansancio.',
      ],
    ],
    EDUCATIONAL: [
      ['Una forma sencilla de empezar con {topic}:', 'Tres pasos que hacen que {topic} sea más fácil de hacer bien:'],
      [
        '1. Empieza por el resultado que buscas, no por la herramienta que te gusta.\n2. Haz visible {k1}, para que todos vean lo mismo.\n3. Revisa {k2} cada semana y ajusta una sola cosa cada vez.',
        '1. Escribe en una frase cómo se ve un buen resultado en {k1}.\n2. Elige una sola medida para {k2} y síguela durante un mes.\n3. Comparte lo que aprendas con {audience} que tienen el mismo problema.',
      ],
      [
        'El error más común es querer cambiarlo todo a la vez. Con {topic}, la constancia gana a lo espectacular.',
        'Un error que veo a menudo: tratar {k1} como un proyecto puntual en lugar de una rutina. Los resultados salen de la rutina.',
      ],
    ],
    INDUSTRY_INSIGHT: [
      [
        'Algo está cambiando en {topic}. Lo que antes era un extra se está convirtiendo en el mínimo con el que se mide a {audience}.',
        'La conversación sobre {topic} ha cambiado más en el último año que en los cinco anteriores.',
      ],
      [
        'Hay tres fuerzas detrás: clientes más exigentes, mejores herramientas para {k1} y la presión de mostrar resultados con equipos más pequeños.',
        '¿Por qué ahora? Porque adoptar {k1} es cada vez más barato, mientras que quedarse atrás en {k2} sale cada vez más caro.',
      ],
      [
        'Para {audience}, esto significa pasar de experimentar con {k2} a hacerlo funcionar de forma fiable.',
        'En la práctica, los equipos que inviertan hoy en {k2} marcarán el listón que los demás tendrán que alcanzar el año que viene.',
      ],
    ],
    COMPANY_CULTURE: [
      [
        'La semana pasada nuestro equipo hizo algo que me gustaría ver en más empresas: paramos para hablar con franqueza sobre {topic}.',
        'La cultura es lo que hace la gente cuando nadie está mirando. Para nosotros, eso se ve en {topic}.',
      ],
      [
        'Es sencillo: cada pocas semanas contamos qué funcionó, qué no y qué aprendimos sobre {k1}. Sin diapositivas y sin culpables.',
        'Convertimos {k1} en parte de cómo planificamos, no en algo que se deja para el final. Quien llega nuevo lo nota en su primera semana.',
      ],
      [
        'El resultado es un equipo que avisa pronto de los problemas y se ayuda con {k2} sin que nadie se lo pida.',
        'Nos ha hecho más rápidos, pero sobre todo nos ha hecho más amables los unos con los otros cuando algo sale mal.',
      ],
    ],
    PRODUCT_ANNOUNCEMENT: [
      [
        'Lo construimos porque {audience} nos decían lo mismo una y otra vez: {topic} lleva demasiado tiempo y demasiadas herramientas.',
        'Durante meses escuchamos a {audience} contar sus dificultades con {topic}. Este lanzamiento es nuestra respuesta.',
      ],
      [
        'Lo que te permite hacer:\n• tener una visión clara de {k1} en minutos\n• dedicar menos tiempo a tareas repetitivas\n• compartir al instante el avance en {k2} con tu equipo',
        'Con esto puedes:\n• poner en marcha {k1} sin una formación larga\n• ver de un vistazo lo que funciona\n• mantener {k2} bajo control mientras tu equipo crece',
      ],
      [
        'Es el resultado de cientos de conversaciones y muchas iteraciones, y estamos orgullosos de lo que ha construido el equipo.',
        'Gracias de corazón a las primeras personas que lo probaron, lo rompieron y lo hicieron mejor.',
      ],
    ],
    PLAIN: [
      [
        'Últimamente pienso mucho en {topic}, sobre todo porque sale una y otra vez en mis conversaciones con {audience}.',
        'Hay algo sobre {topic} que me costó demasiado tiempo aprender.',
      ],
      [
        'El patrón que veo siempre: quienes consiguen buenos resultados con {topic} se centran primero en {k1} y dejan el resto para después.',
        'Lo que funciona casi nunca es complicado. Un poco de constancia con {k1}, opiniones sinceras y paciencia.',
      ],
    ],
  },
  tones: {
    PROFESSIONAL: {
      hooks: [
        '{Topic} ya no es un proyecto secundario. Es una ventaja competitiva.',
        'Los mejores equipos con los que trabajo tratan {topic} como una disciplina, no como una iniciativa.',
      ],
      bridges: ['Esto es lo que indican los datos y la experiencia.', 'Algunas observaciones después de trabajar con {audience}.'],
      calls: [
        '¿Cómo está abordando tu organización {topic}? Me encantaría leer tu punto de vista en los comentarios.',
        '¿Qué le ha funcionado a tu equipo? Comparte tu experiencia abajo.',
      ],
    },
    CASUAL: {
      hooks: ['Vale, hablemos en serio de {topic}.', '¿Podemos hablar un momento de {topic}?'],
      bridges: ['La cosa es así.', 'Y aquí es donde he llegado yo.'],
      calls: ['¿Tú qué opinas? Cuéntamelo en los comentarios.', '¿Soy el único al que le pasa? Dímelo abajo.'],
    },
    INSPIRATIONAL: {
      hooks: [
        'Todo gran cambio en {topic} empieza con una persona que decide intentarlo.',
        'No necesitas permiso para mejorar en {topic}. Necesitas dar el primer paso.',
      ],
      bridges: ['El progreso se construye, no se encuentra.', 'Esto es lo que he visto una y otra vez.'],
      calls: [
        '¿Qué paso vas a dar esta semana? Compártelo abajo y anima a alguien más.',
        'Sigue adelante. Y cuéntame en los comentarios: ¿qué es lo que te mueve?',
      ],
    },
    EDUCATIONAL: {
      hooks: [
        '¿Quieres mejorar en {topic}? Aquí tienes un método práctico que puedes usar hoy mismo.',
        'Casi todos los consejos sobre {topic} son demasiado vagos para aplicarlos. Aquí va algo concreto.',
      ],
      bridges: ['Vamos por partes.', 'Así funciona en la práctica.'],
      calls: [
        'Guárdalo para más tarde y deja tu mejor consejo sobre {topic} en los comentarios.',
        '¿Qué paso añadirías tú? Compártelo abajo para que otros también aprendan.',
      ],
    },
    STORYTELLING: {
      hooks: [
        'Estuve a punto de rendirme con {topic}. Entonces una conversación me hizo cambiar de idea.',
        'El peor error que cometí con {topic} fue también el que más me enseñó.',
      ],
      bridges: ['Esto es lo que pasó.', 'Te cuento cómo fue.'],
      calls: ['¿Has vivido un momento así? Me encantaría conocer tu historia.', '¿Cuál es la lección que más tiempo te ha acompañado? Cuéntamelo abajo.'],
    },
    HUMOROUS: {
      hooks: ['Mi relación con {topic} se resume en una frase: «es complicado».', 'Intenté dominar {topic} en un fin de semana. Ganó el fin de semana.'],
      bridges: ['Bromas aparte, aquí hay una lección de verdad.', 'Pero en serio, esto es lo que aprendí.'],
      calls: [
        'Cuéntame tu momento más absurdo con {topic} en los comentarios. Necesito sentirme menos solo.',
        'Sé sincero: ¿cuál de estos eres tú? Comenta abajo.',
      ],
    },
  },
  fallbackHashtags: {
    STORYTELLING: ['aprendizaje', 'desarrolloprofesional', 'liderazgo'],
    THOUGHT_LEADERSHIP: ['liderazgo', 'estrategia', 'innovación'],
    EDUCATIONAL: ['aprendizaje', 'consejos', 'formación'],
    INDUSTRY_INSIGHT: ['tendencias', 'innovación', 'negocios'],
    COMPANY_CULTURE: ['culturaempresarial', 'trabajoenequipo', 'liderazgo'],
    PRODUCT_ANNOUNCEMENT: ['lanzamiento', 'innovación', 'startups'],
    PLAIN: ['empleo', 'crecimiento', 'liderazgo'],
  },
};
