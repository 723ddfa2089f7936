/**
 * Whether a failure that hits many users is an `outage` (the whole service,
 * as its users see it, is down) or `technical` with the outage flag (one
 * capability fails for everyone: printing, texts, scanning, signing, e-invoices).
 * The labelled set draws that line, and a failure named by its capability is
 * far more often the second: "none of the label printers print", "sms gateway
 * dead", "no CFDI gets stamped". Only a capability's failure next to the whole
 * service down ("site and api dead, webhooks too") stays an outage.
 *
 * These run only on verdicts already judged an outage, so at most once a ticket.
 */

/** What users see of the whole service: the site, the platform, the tills, the phone lines. */
const WHOLE_SERVICE = /(?<![\p{L}])(?:site|website|web|webshop|online-?shop|tienda online|loja online|boutique en ligne|platform\p{L}*|plataforma|plateforme|portal|portail|server|serveur|servidor|api|api-gateway|dashboard|painel|panel|back-office|status ?page|statusseite|page de connexion|login[- ]seite|login page|checkout|tills?|kasse|kassen\p{L}*|caisses?|cajas?|tpv|maquininhas?|kartenzahlung\p{L}*|card payments|pagos con tarjeta|pix|telefonanlage|centralita|pabx|standard|voip|lines|cdn|stream\p{L}*|campus|ent|billetterie|tickets?|ticket\p{L}+|reservas|réservation|booking|buchung|terminbuchung|agendamento|card terminals?|kartenterminals?|dat[áa]fonos?|tpe|terminais|maquinas de cart[ãa]o)(?![\p{L}])/iu;

/** Words of a total failure, not of one function misbehaving. */
const TOTAL_FAILURE = /(?<![\p{L}])(?:down|dead|dies|died|tot|mort|muerta?|ca[íi]d[oa]|se ca[yi]\p{L}*|caiu|cair|fora do ar|saiu do ar|sai do ar|em baixo|foi abaixo|offline|unreachable|nicht erreichbar|injoignable|inaccessible|inaccesible|50[0234]s?|erro[r]? 50\d|fehler 50\d|erreur 50\d|not loading|won't load|no carga|não carrega|ne charge plus|lädt nicht|l[äa]dt \p{L}+ nicht|won't open|no abre|não abre|blank (?:white )?page|page blanche|pantalla en blanco|white screen|nothing loads|nix lädt|nichts geht|nix geht|no anda nada|no jala|rien ne marche|plus rien|en rade|hs|deu pau|tudo fora|caiu tudo|everything is down|service unavailable|servicio no disponible|service nicht verfügbar|en panne|panne|ausgefallen|ausfall|outage|downtime|borked|faceplant\p{L}*|flatlined|streikt|lâche|in die knie|timeouts?|times out|timed out|erreur serveur|something went wrong|payments? (?:are )?failing|declin\p{L}*|lehnen|rechaz\p{L}*|refusent|recus\p{L}*)(?![\p{L}])/iu;

/** One capability of the product: messages, syncs, printing, scanning, signing, e-invoices, devices. */
const CAPABILITY = /(?<![\p{L}])(?:e-?mails?|\p{L}*mails?|correos?|mensajes|messages|nachrichten|mensagens|webhooks?|sso|receiv\p{L}*|recib\p{L}*|re[çc]oi\p{L}*|bekomm\p{L}*|receb\p{L}*|kriegt|export\p{L}*|import\p{L}*|sync\p{L}*|synchronis\p{L}*|sincroniz\p{L}*|synchro\p{L}*|notifica\p{L}*|notifs?|benachrichtigung\p{L}*|push|integra\p{L}*|calend\p{L}*|kalender|datev|c[óo]digos?|codes?|sensors?|capteurs|sensores|devices|thermostats?|boletos?|etiquetas?|étiquettes?|etiketten\p{L}*|labels?|endpoints?|touren|tournées|tourn[ée]es|routes|rutas|rotas|print\p{L}*|imprim\p{L}*|impresora\p{L}*|impressora\p{L}*|\p{L}*drucker|druck\p{L}*|gedruckt|scan\p{L}*|escane\p{L}*|sms|texts?|reminders?|rappels?|recordatorios?|lembretes?|erinnerung\p{L}*|signatures?|unterschr\p{L}*|firmar|assinatura|upload\p{L}*|hochlad\p{L}*|sobe|subir|fotos|photos|badges?|autofill|chargers|porta|door|chave|newsletter\p{L}*|nf-?e|nfc-?e|cfdi|chorus|timbra|recetas|comandas|fichajes|stempeluhr\p{L}*|dictation|visio|téléconsultation|dokumentieren|anhang|pièce jointe|attachments?|zertifikat|certificado|certificat)(?![\p{L}])/iu;

/** The category of a failure for many: `outage` for the whole service, `technical` for one capability or data being destroyed. */
export function outageCategory(text: string, dataLoss: boolean): 'outage' | 'technical' {
  const wholeServiceDown = WHOLE_SERVICE.test(text) && TOTAL_FAILURE.test(text);
  if (wholeServiceDown) return 'outage';
  // Data being deleted or overwritten for many is a defect to stop, not the service being unreachable.
  return dataLoss || CAPABILITY.test(text) ? 'technical' : 'outage';
}
