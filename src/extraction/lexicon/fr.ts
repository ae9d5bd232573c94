import type { LanguageLexicon } from './types.ts';

// French attribution lexicon. Accents are folded before matching (scraped
// French often loses them), so "a déclaré" and "a declare" both match.
// Auxiliaries ("a", "ont", "a-t-il") are handled by the engine: list the
// participle / present forms.

const QUE = ['que', "qu'", 'qu', ':', '"'];

export const fr: LanguageLexicon = {
  language: 'fr',
  wordOrder: 'SVO',
  verbCues: [
    { forms: ['déclaré', 'déclare', 'déclarent', 'dit', 'disent'], complements: QUE, hint: 'statement', directObject: true },
    { forms: ['affirmé', 'affirme', 'affirment', 'assuré', 'assure', 'assurent', 'soutenu', 'soutient'], complements: QUE, hint: 'statement', directObject: true },
    { forms: ['estimé', 'estime', 'estiment', 'jugé', 'juge', 'jugent', 'pense', 'pensent', 'considère', 'considéré', 'croit', 'croient'], complements: QUE, hint: 'opinion', directObject: true },
    { forms: ['indiqué', 'indique', 'indiquent', 'précisé', 'précise', 'expliqué', 'explique', 'souligné', 'souligne', 'rappelé', 'rappelle', 'confié', 'confie', 'annoncé', 'annonce', 'confirmé', 'confirme', 'reconnu', 'reconnaît', 'admis', 'révélé', 'raconté', 'raconte', 'écrit', 'martelé', 'insisté'], complements: QUE, hint: 'statement', directObject: true },
    { forms: ['ajouté', 'ajoute', 'poursuivi', 'poursuit'], complements: QUE, hint: 'statement', directObject: true },
    { forms: ['répondu', 'répond', 'réclamé', 'réclame', 'réclament'], complements: QUE, hint: 'statement', directObject: true },
    { forms: ['promis', 'promet', 'promettent'], complements: QUE, hint: 'prediction', directObject: true },
    { forms: ['averti', 'avertit', 'prévenu', 'prévient', 'mis en garde', 'alerté', 'alerte'], complements: ['que', "qu'", 'contre', ':', '"'], hint: 'warning', directObject: true },
    { forms: ['nié', 'nie', 'démenti', 'dément', 'contesté', 'conteste'], complements: QUE, hint: 'denial', directObject: true },
    { forms: ['prévu', 'prévoit', 'prédit', 'anticipe', 'anticipé'], complements: QUE, hint: 'prediction', directObject: true },
    { forms: ['interrogé', "s'interroge", "s'est interrogé", 'se demande', "s'est demandé", 'demandé', 'demande'], complements: ['si', "s'", 'sur', 'pourquoi', 'comment', ':', '"'], hint: 'question', directObject: true },
    { forms: ['dénoncé', 'dénonce', 'accusé', 'accuse', 'regretté', 'regrette', 'salué', 'salue', 'critiqué', 'critique'], complements: QUE, hint: 'opinion', directObject: true },
  ],
  subjectFirstAux: [],
  timeWords: ['hier', "aujourd'hui", 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'soir', 'matin'],
  sourceLabels: ['source', 'sources'],
  impersonalForms: [],
  statementVenues: [],
  // A document alone ("selon ces chiffres") speaks for the organisation quoted last.
  documentNouns: ['rapport', 'communiqué', 'étude', 'enquête', 'sondage', 'chiffres', 'statistiques', 'données', 'document', 'texte'],
  reportVerbs: [],
  reportSaying: [],
  circumstanceOpeners: ['dans un contexte', 'en marge', 'à la veille', 'au lendemain', 'alors que', 'tandis que', 'en pleine', 'sur fond de'],
  sourceCues: ["selon", "d'après", "d'apres", 'de source', 'citant', 'cité par', 'rapporte'],
  participleCues: [
    { forms: ['ajoutant', 'précisant', 'estimant', 'soulignant', 'affirmant', 'expliquant', 'assurant', 'indiquant'], complements: QUE, hint: 'statement' },
    { forms: ['avertissant', 'mettant en garde'], complements: ['que', "qu'", 'contre'], hint: 'warning' },
  ],
  cuePrefixes: [],
  cueLeadWords: [],
  preCueParticles: [],
  clauseConnectors: [],
  relativePronouns: ['qui', 'lequel', 'laquelle'],
  pronouns: ['il', 'elle', 'ils', 'elles', 'lui', 'nous'],
  roleNouns: [
    'ministre', 'président', 'présidente', 'porte-parole', 'expert', 'experte', 'analyste', 'chercheur', 'chercheuse',
    'professeur', 'professeure', 'secrétaire', 'directeur', 'directrice', 'chef', 'ambassadeur', 'ambassadrice', 'envoyé',
    'général', 'commandant', 'gouverneur', 'maire', 'sénateur', 'sénatrice', 'député', 'députée', 'dirigeant', 'dirigeante',
    'responsable', 'premier ministre', 'chancelier', 'roi', 'prince', 'juge', 'avocat', 'avocate', 'conseiller', 'conseillère',
    'économiste', 'patron', 'patronne', 'fondateur', 'délégué', 'représentant', 'commissaire', 'procureur', 'spécialiste', 'préfet', 'préfète', 'maire', 'élu', 'élue', 'syndicaliste', 'porte-parole',
  ],
  institutionHeads: [
    'ministère', 'gouvernement', 'armée', 'conseil', 'comité', 'commission', 'organisation', 'international', 'office',
    'police', 'gendarmerie', 'union', 'banque', 'institut', 'observatoire', 'cour', 'tribunal', 'forces', 'parti',
    'kremlin', 'pentagone', 'élysée', 'matignon', 'onu', 'otan', 'oms', 'fonds', 'fondation', 'université', 'centre',
    'groupe', 'état-major', 'administration', 'autorité', 'autorités', 'parlement', 'assemblée', 'sénat', 'préfecture', 'ambassade', 'consulat',
    'société', 'entreprise', 'association', 'syndicat', 'mairie', 'parquet', 'amnesty', 'agence',
  ],
  unnamedHeads: ['source', 'sources', 'responsables', 'responsable', 'officiels', 'analystes', 'experts', 'diplomates', 'diplomate', 'témoins', 'témoin', 'habitants', 'observateurs', 'proches', 'entourage', 'militants', 'manifestants', 'avocats', 'chercheurs', 'économistes', 'enquêteurs', 'organisateurs', 'partisans', 'médecins', 'voisins', 'famille'],
  nameParticles: ['de', 'du', 'des', 'le', 'la', 'van', 'von', 'al', 'ben', 'el', "d'"],
  functionWords: [
    'le', 'la', 'les', 'un', 'une', 'des', 'de', 'du', 'et', 'ou', 'mais', 'que', 'qui', 'à', 'a', 'au', 'aux', 'en',
    'dans', 'sur', 'pour', 'par', 'avec', 'sans', 'ce', 'cette', 'ces', 'il', 'elle', 'est', 'sont', 'était', 'été',
    'ont', 'avait', 'pas', 'ne', 'se', 'sa', 'son', 'ses', 'leur', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi',
    'samedi', 'dimanche', 'aussi', 'également', 'toutefois', 'cependant', 'alors', 'puis',
  ],
  skippableAdverbs: ['ailleurs', 'cependant', 'toutefois', 'aussi', 'également', 'encore', 'ensuite', 'notamment', 'alors', 'pourtant', 'déjà', 'toutefois', 'par ailleurs', 'enfin', 'ainsi',
    // Between the auxiliary and the participle: "X a pour sa part dit", "X a quant à lui déclaré".
    'pour sa part', 'pour leur part', 'de son côté', 'de leur côté', 'quant à lui', 'quant à elle', 'quant à eux', 'quant à elles', 'à son tour', 'lui aussi', 'elle aussi'],
  outletKeywords: [
    { word: 'journal', kind: 'newspaper' },
    { word: 'quotidien', kind: 'newspaper' },
    { word: 'hebdomadaire', kind: 'newspaper' },
    { word: 'magazine', kind: 'newspaper' },
    { word: 'agence', kind: 'agency' },
    { word: 'chaîne', kind: 'broadcaster' },
    { word: 'télévision', kind: 'broadcaster' },
    { word: 'radio', kind: 'broadcaster' },
    { word: 'site', kind: 'website' },
    { word: 'média', kind: 'website' },
  ],
  interviewMarkers: ['entretien', 'interview', 'entrevue', 'interrogé', 'interrogée', 'accordé', 'accordée', 'confié'],
  audienceWords: ['journalistes', 'presse', 'la presse', 'députés', 'élus', 'lui', 'leur', 'nous'],
  futureMarkers: ['va', 'vont', 'sera', 'seront', 'aura', 'auront', 'fera', 'feront', 'pourra', 'pourront', 'devra', 'devront', "l'an prochain", "l'année prochaine", 'bientôt', 'prochainement'],
  evaluativeWords: [
    'important', 'importante', 'grave', 'dangereux', 'dangereuse', 'difficile', 'facile', 'meilleur', 'meilleure', 'pire',
    'bon', 'bonne', 'mauvais', 'mauvaise', 'clair', 'inacceptable', 'acceptable', 'terrible', 'scandaleux', 'scandaleuse',
    'doit', 'faut', 'devrait', 'inadmissible', 'positif', 'négatif', 'catastrophique', 'absurde', 'injuste', 'honteux',
    'irresponsable', 'excellent', 'échec', 'succès', 'crucial', 'inédit',
  ],
  questionWords: ['si', 'pourquoi', 'comment', 'quand', 'où', 'quel', 'quelle', 'quels', 'quelles'],
  stopWords: ['le', 'la', 'les', 'de', 'des', 'du', 'et', 'est', 'que', 'qui', 'une', 'dans', 'pour', 'pas', 'au', 'sur', 'avec', 'il', 'elle', 'selon', 'a', 'ont', 'aux', 'ce', 'cette'],
  labelWords: ['source', 'photo', 'image', 'crédit', 'lire', 'voir', 'regarder', 'écouter', 'publié', 'mis à jour', 'par', 'mots-clés', 'à lire'],
  bylineMarkers: ['par', 'propos recueillis par', 'avec', 'envoyé spécial', 'envoyée spéciale', 'correspondant', 'correspondante'],
  teaserMarkers: ['lire aussi', 'à lire aussi', 'voir aussi', 'à voir', 'lire la suite', 'en savoir plus', 'découvrir', 'abonnez-vous', 'à lire également'],
  shareMarkers: ['partager', 'partagez', 'tweeter', 'envoyer par e-mail', 'copier le lien', 'facebook', 'twitter', 'whatsapp'],
  photoMarkers: ['photo', 'crédit photo', 'crédit', 'image', 'illustration', '©'],
  months: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  comparisonWords: ['plus', 'moins', 'que', 'hausse', 'baisse', 'augmentation', 'diminution', 'doublé', 'triplé', 'comparé', 'record', 'supérieur', 'inférieur'],
  quantityWords: ['million', 'millions', 'milliard', 'milliards', 'mille', 'pour cent', '%', 'euros', '€', 'dollars', 'tonnes', 'km', 'moitié', 'tiers', 'quart', 'dizaines', 'centaines', 'milliers'],
};
