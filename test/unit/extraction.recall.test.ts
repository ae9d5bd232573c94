import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extraction/index.ts';
import { splitSentences } from '../../src/extraction/sentences.ts';

// Recall: statements the engine must find in real news, written for these tests.

const texts = (text: string, language: 'ar' | 'en' | 'fr') => extract(text, { language }).claims.map((c) => c.text);

describe('quotations of several sentences', () => {
  it('keeps a quotation that closes on the same line in one sentence', () => {
    const text = 'وقال الوزير "الوضع صعب. لكننا سنعمل بجد" ثم غادر. وبدأ الاجتماع.';
    expect(splitSentences(text, 0, text.length).map((s) => text.slice(s.start, s.end))).toEqual([
      'وقال الوزير "الوضع صعب. لكننا سنعمل بجد" ثم غادر.',
      'وبدأ الاجتماع.',
    ]);
  });

  it('still splits at a full stop after a quote left open until the end of the line', () => {
    const text = 'قال "الوضع صعب. وبدأ الاجتماع.\nثم "انتهى".';
    expect(splitSentences(text, 0, text.length).map((s) => text.slice(s.start, s.end))).toEqual(['قال "الوضع صعب.', 'وبدأ الاجتماع.', 'ثم "انتهى".']);
  });

  it('takes the whole quotation as the claim, cue words inside it included', () => {
    const claims = extract('وقال الوزير سامي حداد "من قال لك إن الأسعار سترتفع؟ نحن نعمل على خفضها".', { language: 'ar' }).claims;
    expect(claims.map((c) => c.text)).toEqual(['وقال الوزير سامي حداد "من قال لك إن الأسعار سترتفع؟ نحن نعمل على خفضها"']);
    expect(claims[0]!.speaker.name).toBe('سامي حداد');
  });
});

describe('a quotation inside the statement', () => {
  it('goes on past a quote the sentence continues from without a comma', () => {
    expect(texts('أعرب الاتحاد الأوروبي عن "قلقه البالغ" من القرار الجديد بشأن الرسوم.', 'ar')).toEqual([
      'أعرب الاتحاد الأوروبي عن "قلقه البالغ" من القرار الجديد بشأن الرسوم',
    ]);
  });

  it('goes on past a quote followed by a relative clause', () => {
    expect(texts('وأضاف سامي حداد: "الحل في الحوار"، التي يراها الجميع ضرورية.', 'ar')).toEqual([
      'وأضاف سامي حداد: "الحل في الحوار"، التي يراها الجميع ضرورية',
    ]);
  });

  it('ends at the closing quote when the writer carries on after a comma', () => {
    expect(texts('وأضاف سامي حداد: "الحل في الحوار"، دون أن يحدد موعدا.', 'ar')).toEqual(['وأضاف سامي حداد: "الحل في الحوار"']);
  });
});

describe('Arabic cues beyond "أن"', () => {
  it('reads an accusation whose content opens with ب glued to a verbal noun', () => {
    const claims = extract('اتهم وزير الخارجية سامي حداد الحكومة بالتلاعب بأرقام الميزانية.', { language: 'ar' }).claims;
    expect(claims.map((c) => [c.cue, c.text])).toEqual([['اتهم', 'اتهم وزير الخارجية سامي حداد الحكومة بالتلاعب بأرقام الميزانية']]);
  });

  it('does not take a name starting with ب for the content of an accusation', () => {
    expect(extract('واتهم الوزير سامي حداد بوتين وبايدن.', { language: 'ar' }).claims).toEqual([]);
  });

  it('reads "وصف … بأنه" as an opinion of the speaker', () => {
    const claims = extract('ووصفت وزارة الخارجية القرار الجديد بأنه "خطوة غير مقبولة".', { language: 'ar' }).claims;
    expect(claims.map((c) => [c.cue, c.kind !== undefined])).toEqual([['وصفت', true]]);
    expect(claims[0]!.text).toBe('ووصفت وزارة الخارجية القرار الجديد بأنه "خطوة غير مقبولة"');
  });

  it('lets a statement speak through "جاء في بيان", and only after a document noun', () => {
    const claims = extract('وجاء في بيان وزارة الصحة أن عدد الإصابات ارتفع إلى مئة.', { language: 'ar' }).claims;
    expect(claims.map((c) => c.text)).toEqual(['وجاء في بيان وزارة الصحة أن عدد الإصابات ارتفع إلى مئة']);
    expect(claims[0]!.speaker.name).toContain('وزارة الصحة');
    expect(extract('وجاء في المرتبة الثانية بعد أن خسر المباراة الأخيرة.', { language: 'ar' }).claims).toEqual([]);
  });

  it('continues a speaker with "وتابع أنه" and "وتابع" before a quotation', () => {
    const text = 'وقال الوزير سامي حداد إن الوضع صعب.\nوتابع أنه سيعمل على حل الأزمة.\nوتابع "لن نتراجع عن قرارنا".';
    const claims = extract(text, { language: 'ar' }).claims;
    expect(claims.map((c) => c.cue)).toEqual(['قال', 'تابع', 'تابع']);
    expect(claims.every((c) => c.speaker.name === 'سامي حداد')).toBe(true);
  });

  it('reads participle continuations "مشددا على أن" and "معلنا أن"', () => {
    const text = 'وقال الوزير سامي حداد إن الوضع صعب، مشددا على أن الحكومة ستتدخل، معلنا أن الدعم سيصل غدا.';
    expect(extract(text, { language: 'ar' }).claims.map((c) => c.cue)).toEqual(['قال', 'مشددا', 'معلنا']);
  });
});

describe('French inversions', () => {
  it('reads "…, a-t-il estimé" after a statement without quotes', () => {
    const text = 'Le ministre Paul Martin a présenté son plan lundi.\nLa réforme doit aboutir avant l\'été, a-t-il estimé.';
    const claims = extract(text, { language: 'fr' }).claims;
    expect(claims.map((c) => c.text)).toEqual(["La réforme doit aboutir avant l'été, a-t-il estimé"]);
    expect(claims[0]!.speaker.name).toBe('Paul Martin');
  });
});

describe('glued words', () => {
  it('does not split nouns ending like a cue verb ("عائلاتهم", "العناصر")', () => {
    const text = 'وقالت المصادر إن العناصر المسلحة سيطرت على المدينة بعد أن نقلت عائلاتهم إلى مكان آمن، وإن مقاتليهم في منتصف الطريق على أن يصلوا غدا بأن "الوضع خطير".';
    const claims = extract(text, { language: 'ar' }).claims;
    expect(claims.map((c) => c.cue)).toEqual(['قالت']);
  });
});

describe('coordinated cues', () => {
  it('opens the claim with the subject of the sentence: "X kept …, and said …"', () => {
    const claims = extract('The police kept the protesters away from the centre, and said they had arrested 19 people.', { language: 'en' }).claims;
    expect(claims.map((c) => [c.cue, c.text])).toEqual([['said', 'The police kept the protesters away from the centre, and said they had arrested 19 people']]);
  });

  it('continues the speaker of an earlier cue from the coordinated cue on', () => {
    const claims = extract('Mayor Jane Roe said the budget was sound, but added: "We must cut costs."', { language: 'en' }).claims;
    expect(claims.map((c) => [c.cue, c.speaker.name])).toEqual([['said', 'Jane Roe'], ['added', 'Jane Roe']]);
    expect(claims[1]!.text.startsWith('added')).toBe(true);
  });

  it('reads "X, le chef de …, a apporté … mais a prévenu que …"', () => {
    const text = 'Paul Martin, le chef de file de la droite, a apporté lundi son soutien au plan mais a prévenu que son parti ne voterait rien de plus.';
    const claims = extract(text, { language: 'fr' }).claims;
    expect(claims.map((c) => [c.cue, c.speaker.name, c.text.startsWith('Paul Martin')])).toEqual([['a prévenu', 'Paul Martin', true]]);
  });

  it('leaves a sentence opening with an adverbial phrase alone', () => {
    expect(extract('Despite the protests, the council approved the plan, and said nothing more.', { language: 'en' }).claims).toEqual([]);
  });
});

describe('several inversions in one sentence', () => {
  it('ends each inverted claim at its speaker even when the next speaker is unresolved', () => {
    const text = '"Les chiffres sont inquiétants", a souligné Paul Martin, "la hausse est nette", a ajouté l\'organisation dans un communiqué.';
    expect(texts(text, 'fr')[0]).toBe('"Les chiffres sont inquiétants", a souligné Paul Martin');
  });
});

describe('reporting verbs', () => {
  it('English: "replied" before a quotation, "deny", and "when asked" as no cue of its own', () => {
    const text = 'Officials met Su Wei on Friday.\nWhen asked whether the talks had failed, Su Wei replied in English, "We are still working."';
    expect(extract(text, { language: 'en' }).claims.map((c) => [c.cue, c.speaker.name])).toEqual([['replied', 'Su Wei']]);
    expect(extract('Both Jane Roe and John Doe deny all charges against them.', { language: 'en' }).claims.map((c) => c.cue)).toEqual(['deny']);
    expect(extract('The army responded to the attack within hours.', { language: 'en' }).claims).toEqual([]);
  });

  it('French: "a réclamé", "a répondu que" and "a promis que"', () => {
    const text = 'Paul Martin a réclamé du temps aux marchés pour former son équipe.\nJean Dupont a répondu que sa parole suffisait.\nMarie Curie a promis qu\'elle ferait tout pour aider.';
    expect(extract(text, { language: 'fr' }).claims.map((c) => c.cue)).toEqual(['a réclamé', 'a répondu', 'a promis']);
  });
});

describe('Arabic speaker phrases', () => {
  it('skips a parenthetical clause between commas before the complement', () => {
    const text = 'وقال مصدر قريب من الوزير سامي حداد، الذي يرقد في مستشفى بالعاصمة منذ بداية الأسبوع الماضي بعد إصابته في حادث سير على الطريق السريع، إن حالته مستقرة.';
    expect(extract(text, { language: 'ar' }).claims.map((c) => c.cue)).toEqual(['قال']);
    const apposition = 'وأعلن وزراء خارجية فرنسا وألمانيا وبريطانيا، وهي الدول الثلاث الموقعة على الاتفاق النووي مع إيران قبل ثلاث سنوات في فيينا، أن الاتفاق باق.';
    expect(extract(apposition, { language: 'ar' }).claims.map((c) => c.cue)).toEqual(['أعلن']);
  });

  it('reads a quotation after an indefinite title as a name, and after a definite one as the statement', () => {
    const named = extract('وقال حاكم "بنك الشعب الوطني"، خلال ندوة لحكام المصارف المركزية والمسؤولين، جرت في العاصمة، إن "الحل أفضل من الحرب".', { language: 'ar' }).claims;
    expect(named.map((c) => c.text)).toEqual(['وقال حاكم "بنك الشعب الوطني"، خلال ندوة لحكام المصارف المركزية والمسؤولين، جرت في العاصمة، إن "الحل أفضل من الحرب"']);
    const spoken = extract('وقال الوزير "الحل أفضل من الحرب".', { language: 'ar' }).claims;
    expect(spoken.map((c) => c.text)).toEqual(['وقال الوزير "الحل أفضل من الحرب"']);
  });

  it('reads a participle continuation right after a closing quote', () => {
    const text = 'وأكد الوزير سامي حداد أن التحقيق "لا يزال مستمرا" محذرا الشباب من "مثل هذه التصرفات".';
    expect(extract(text, { language: 'ar' }).claims.map((c) => c.cue)).toEqual(['أكد', 'محذرا']);
  });
});

describe('nested reports', () => {
  it('makes one claim of "X ذكر أن Y قالت إن …", spoken by Y when X is a news outlet', () => {
    const text = 'وذكر موقع "المدى" أن الوزارة قالت في بيان إنها فتحت تحقيقا عاجلا في الحادث.';
    const claims = extract(text, { language: 'ar' }).claims;
    expect(claims.map((c) => c.text)).toEqual(['وذكر موقع "المدى" أن الوزارة قالت في بيان إنها فتحت تحقيقا عاجلا في الحادث']);
    expect(claims[0]!.speaker.name).not.toContain('المدى');
  });

  it('keeps the outer speaker of "مضيفا أن X ترى أن …"', () => {
    const text = 'وقال الوزير سامي حداد إن الطلقات كانت قريبة، مضيفا أن الولايات المتحدة ترى أن القائد كان الهدف.';
    const claims = extract(text, { language: 'ar' }).claims;
    expect(claims.map((c) => [c.cue, c.speaker.name])).toEqual([['قال', 'سامي حداد'], ['مضيفا', 'سامي حداد']]);
    expect(claims[1]!.text).toBe('مضيفا أن الولايات المتحدة ترى أن القائد كان الهدف');
  });
});

describe('English descriptions named by their appositive', () => {
  it('opens the claim with "the family\'s lawyer, Sam Davis, said …"', () => {
    const text = 'The suit seeks damages, but the family\'s lawyer, Sam Davis, said he took the case for free.';
    const claims = extract(text, { language: 'en' }).claims;
    expect(claims.map((c) => [c.text, c.speaker.name])).toEqual([["the family's lawyer, Sam Davis, said he took the case for free", 'Sam Davis']]);
  });
});

describe('Arabic plural forms and titles', () => {
  it('reads plural and dual cue forms', () => {
    const text = 'وقال ناشطون إن الشرطة أغلقت الساحة.\nويقولون إن الحكومة مسؤولة عن العنف.\nوأكدوا أن الاعتصام سيستمر.';
    expect(extract(text, { language: 'ar' }).claims.map((c) => c.cue)).toEqual(['قال', 'يقولون', 'أكدوا']);
  });

  it('reads a quotation after "بعنوان" as a title, not the statement', () => {
    const text = 'وأوضح الخبير سامي حداد في مقال بعنوان "الاقتصاد يتقدم: التحديات والفرص"، أنه يتوقع انضمام مليون شاب إلى سوق العمل.';
    expect(texts(text, 'ar')).toEqual(['وأوضح الخبير سامي حداد في مقال بعنوان "الاقتصاد يتقدم: التحديات والفرص"، أنه يتوقع انضمام مليون شاب إلى سوق العمل']);
  });
});

describe('first-person subjects', () => {
  it('leaves "je"/"I" to the statement they are part of', () => {
    const fr = extract("Je réclame l'abandon des charges dès maintenant, a déclaré Paul Martin, avocat du cinéaste.", { language: 'fr' }).claims;
    expect(fr.map((c) => [c.cue, c.speaker.name])).toEqual([['a déclaré', 'Paul Martin']]);
    const en = extract('We deny every charge against our client, said Jane Roe, the lawyer.', { language: 'en' }).claims;
    expect(en.map((c) => [c.cue, c.speaker.name])).toEqual([['said', 'Jane Roe']]);
  });
});

describe('participles after a clause without a cue', () => {
  it('gives "X did …, saying …" to the subject of the sentence', () => {
    const text = 'Paul Martin said the talks were useful.\nHe then continued in French, saying, "The venue is too large."';
    const claims = extract(text, { language: 'en' }).claims;
    expect(claims.map((c) => [c.cue, c.speaker.name])).toEqual([['said', 'Paul Martin'], ['saying', 'Paul Martin']]);
    expect(claims[1]!.text).toBe('He then continued in French, saying, "The venue is too large."');
  });

  it('does not give it to an impersonal subject', () => {
    expect(extract("C'est ce qui a été décidé lundi, ajoutant que la réforme attendra.", { language: 'fr' }).claims).toEqual([]);
  });
});

describe('English participles without "that"', () => {
  it('reads ", adding they …" as a second claim but not ", adding more than …"', () => {
    const claims = extract('The shells fell near the buildings, Jane Roe said, adding they began as flares.', { language: 'en' }).claims;
    expect(claims.map((c) => [c.cue, c.text])).toEqual([
      ['said', 'The shells fell near the buildings, Jane Roe said'],
      ['adding', 'adding they began as flares'],
    ]);
    const market = extract('Jane Roe said the index rose 2 per cent, adding more than four billion to its value.', { language: 'en' }).claims;
    expect(market.map((c) => c.cue)).toEqual(['said']);
  });
});

describe('Arabic participles with an object', () => {
  it('reaches past the object for "واصفا … بأنه" and "متهما … بـ"', () => {
    const text = 'وقال الوزير سامي حداد إن الرسوم ستفرض غدا، واصفا إغراق الأسواق بالصلب الرخيص بأنه "اعتداء على بلدنا"، متهما الشركات الأجنبية بالتلاعب بالأسعار.';
    expect(extract(text, { language: 'ar' }).claims.map((c) => c.cue)).toEqual(['قال', 'واصفا', 'متهما']);
  });
});

describe('quotation length', () => {
  it('does not join sentences up to a quote mark far away on the line', () => {
    const filler = 'وأضاف أن المشروع سيستمر. '.repeat(30);
    const text = `قال "الوضع صعب. ${filler}ثم "انتهى".`;
    expect(splitSentences(text, 0, text.length).length).toBeGreaterThan(2);
  });
});

describe('a subject between a connector and its verb', () => {
  it('opens the claim at the connector and takes the subject as speaker', () => {
    const text = 'وقال الوزير سامي حداد إن المحادثات مفيدة، لكن وزير الخارجية جون دو، اتهم الحكومة بالتلاعب بالأرقام.';
    const claims = extract(text, { language: 'ar' }).claims;
    expect(claims.map((c) => [c.cue, c.speaker.name])).toEqual([['قال', 'سامي حداد'], ['اتهم', 'جون دو']]);
    expect(claims[1]!.text).toBe('لكن وزير الخارجية جون دو، اتهم الحكومة بالتلاعب بالأرقام');
  });
});

describe('a short quotation before the complement', () => {
  it('is a name when "أن" follows it', () => {
    const text = 'وأوردت وكالة الأنباء الرسمية "سانا"، أن الحريق أخمد بعد ساعات.';
    expect(texts(text, 'ar')).toEqual(['وأوردت وكالة الأنباء الرسمية "سانا"، أن الحريق أخمد بعد ساعات']);
  });
});

describe('a quoted outlet name ending the sentence', () => {
  it('is no statement', () => {
    expect(extract('وارتفع عدد الضحايا إلى عشرين، حسب ما أوردت وكالة الأنباء السعودية "واس".', { language: 'ar' }).claims.map((c) => c.text)).not.toContain(
      'أوردت وكالة الأنباء السعودية "واس"',
    );
  });
});

describe('acts that are not speech', () => {
  it('does not read "rejected a plea" as a statement', () => {
    expect(extract('A court in Dhaka has rejected a bail plea of the former prime minister on Monday.', { language: 'en' }).claims).toEqual([]);
  });
});
