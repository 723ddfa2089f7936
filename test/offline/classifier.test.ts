import { describe, expect, it } from 'vitest';
import { classifyOffline, MAX_OFFLINE_CONFIDENCE } from '../../src/models/offline/index.js';

describe('classifyOffline: urgency and risk', () => {
  it('calls a spelled-out outage with an explicit ASAP urgent', () => {
    const result = classifyOffline({
      subject: 'URGENT: checkout is down',
      text: 'Our whole shop is down since 9am, all customers get a 503 and the outage is blocking all orders. We are losing revenue every minute. Please fix this immediately!',
    });
    expect(result.urgency).toBe('urgent');
    expect(result.category).toBe('outage');
    expect(result.riskFlags).toContain('outage');
    expect(result.needsReply).toBe(true);
  });

  it('calls a calm outage report urgent: the rubric judges the situation, not the tone', () => {
    const result = classifyOffline({ text: 'Hello, the dashboard seems to be down for our team since this morning.' });
    expect(result.urgency).toBe('urgent');
    expect(result.riskFlags).toEqual(['outage']);
  });

  it('flags a refund request with an amount', () => {
    const result = classifyOffline({
      text: 'I was charged $1,299.00 twice for order #48213. Please refund the duplicate charge.',
    });
    expect(result.riskFlags).toContain('refund');
    expect(result.category).toBe('refund');
  });

  it('flags a legal threat and treats it as high urgency', () => {
    const result = classifyOffline({
      text: 'This is unacceptable!! If I do not hear back by Friday my lawyer will file a lawsuit against your company.',
    });
    expect(result.riskFlags).toContain('legal');
    expect(result.category).toBe('legal');
    expect(result.sentiment).toBe('angry');
    expect(['high', 'urgent']).toContain(result.urgency);
  });

  it('flags a security breach', () => {
    const result = classifyOffline({
      subject: 'Security breach',
      text: 'Someone gained unauthorized access to our admin account last night and customer data may have leaked. Please help urgently.',
    });
    expect(result.riskFlags).toContain('security');
    expect(result.category).toBe('security');
    expect(['high', 'urgent']).toContain(result.urgency);
  });

  it('flags data loss and churn threats', () => {
    const result = classifyOffline({
      text: 'After your update all our project files were deleted. If this is not restored I will cancel my subscription.',
    });
    expect(result.riskFlags).toEqual(expect.arrayContaining(['data_loss', 'churn_threat']));
  });

  it('calls a no-rush information request normal (a how-to, not a wish) and raises no flags', () => {
    const result = classifyOffline({
      subject: 'Inquiry about reporting options',
      text: 'No rush at all: I am interested in learning more about the reporting options. Could you share details and recommendations, or point me to information about the best approaches?',
    });
    expect(result.urgency).toBe('normal');
    expect(result.riskFlags).toEqual([]);
  });

  it('recognises an account takeover described in plain words', () => {
    const result = classifyOffline({
      subject: 'Security',
      text: 'Someone logged into my account from another country and changed my password. My account is acct-5521.',
    });
    expect(result.riskFlags).toContain('security');
    expect(result.category).toBe('security');
  });

  it('one customer locked out is high; many people locked out is urgent', () => {
    expect(classifyOffline({ subject: 'Login broken', text: 'I cannot log in since this morning, it says my password is wrong.' }).urgency).toBe('high');
    expect(classifyOffline({ text: 'nobody on our team can log in since this morning' }).urgency).toBe('urgent');
    expect(classifyOffline({ text: 'somos 60 personas y nadie puede iniciar sesión' }).urgency).toBe('urgent');
  });

  it('calls a wish for a feature low-urgency feedback', () => {
    const result = classifyOffline({ subject: 'Feature idea', text: 'It would be great if the dashboard had a dark mode.' });
    expect(result.urgency).toBe('low');
    expect(result.category).toBe('feedback');
  });

  it('does not raise a legal flag for a compliance question or a security flag for a feature question', () => {
    const result = classifyOffline({ text: 'Is your product GDPR compliant, and which encryption do you use for backups?' });
    expect(result.riskFlags).toEqual([]);
  });
});

describe('classifyOffline: replies that are not needed', () => {
  it.each([
    'thanks!',
    'ok',
    'got it, thank you',
    'Thank you so much, that fixed it 👍',
    'Danke, jetzt klappt es wieder',
    'Vielen Dank, das Problem ist gelöst!',
    'Vielen Dank!',
    '👍',
  ])(
    'needs no reply for %j',
    (text) => {
      const result = classifyOffline({ text });
      expect(result.needsReply).toBe(false);
      expect(result.riskFlags).toEqual([]);
    },
  );

  it.each([
    'Thanks, but it still does not work.',
    'ok, and when will it ship?',
    'Thanks! Can you also reset my password?',
    'Danke, aber das Problem ist nicht gelöst.',
  ])(
    'still needs a reply for %j',
    (text) => {
      expect(classifyOffline({ text }).needsReply).toBe(true);
    },
  );
});

describe('classifyOffline: German and other languages', () => {
  it('classifies a German outage ticket written with literal \\n escapes and placeholders', () => {
    const result = classifyOffline({
      subject: 'Dringend: Serviceausfall',
      text: 'Sehr geehrtes Support-Team,\\n\\nseit heute Morgen ist unsere Plattform nicht erreichbar. Der Ausfall beeinträchtigt den gesamten Betrieb erheblich.\\n\\nMit freundlichen Grüßen\\n<name>',
    });
    expect(result.language).toBe('de');
    expect(result.category).toBe('outage');
    expect(result.riskFlags).toContain('outage');
    expect(result.urgency).toBe('urgent');
  });

  it('recognises a German refund request and its sentiment', () => {
    const result = classifyOffline({
      text: 'Hallo, ich bin sehr enttäuscht. Die Bestellung kam beschädigt an und ich möchte eine Rückerstattung.',
    });
    expect(result.language).toBe('de');
    expect(result.riskFlags).toContain('refund');
    expect(result.sentiment).toBe('negative');
  });

  it.each([
    ['fr', "Bonjour, ma commande n'est pas arrivée. Pouvez-vous vérifier s'il vous plaît ?"],
    ['es', 'Hola, mi pedido no ha llegado todavía. ¿Pueden ayudarme con esto?'],
    ['pt', 'Olá, o meu pedido ainda não chegou. Vocês podem ajudar?'],
    ['it', 'Ciao, il mio ordine non è ancora arrivato. Potete aiutarmi per favore?'],
    ['nl', 'Hallo, mijn bestelling is nog niet aangekomen. Kunnen jullie mij helpen?'],
    ['en', 'Hello, my order has not arrived yet. Can you help me with this?'],
  ])('detects %s', (language, text) => {
    expect(classifyOffline({ text }).language).toBe(language);
  });

  it('defaults to English when there is no evidence', () => {
    expect(classifyOffline({ text: '12345 ???' }).language).toBe('en');
  });
});

describe('classifyOffline: confidence', () => {
  it('is low when there is little evidence', () => {
    const result = classifyOffline({ text: 'Hi, question about my thing.' });
    expect(result.confidence).toBeLessThan(0.6);
  });

  it('is what the deciding rule was worth on unseen messages: a double charge above a guess, never above the ceiling', () => {
    const weak = classifyOffline({ text: 'Hi, question about my thing.' });
    const strong = classifyOffline({ text: 'charged twice for my april subscription, $49 each. need one of them back pls' });
    expect(strong.urgency).toBe('high');
    expect(strong.confidence).toBeGreaterThan(weak.confidence + 0.2);
    expect(strong.confidence).toBeLessThanOrEqual(MAX_OFFLINE_CONFIDENCE);
  });

  it('is deterministic', () => {
    const input = { subject: 'Rechnung', text: 'Meine Rechnung 4711 ist falsch, bitte prüfen.' };
    expect(classifyOffline(input)).toEqual(classifyOffline(input));
  });
});
