/**
 * Offline cross-language retrieval: the support words that matter, grouped
 * into concepts, each with its words in English | German | Spanish | French |
 * Portuguese. A query word found here is expanded into every word of its
 * concept, so "Erstattung" also searches "refund", "reembolso" and
 * "remboursement", and an English page answers a German ticket.
 *
 * Why a list and not a model: it works with no credentials, costs nothing,
 * and is easy to read and extend — add a word to its concept and every
 * language gains it. With a model configured, the pipeline also searches the
 * model's English rendering of the question (`KbQuery.alsoSearch`). Words are matched on their folded form (no
 * case, no diacritics) and by stem, so "refunds" and "Rechnungen" find
 * "refund" and "Rechnung"; a German compound that starts or ends with a word
 * listed here ("Zahlungsmethode", "Datenexport") counts as that word.
 * Phrases ("money back") match when their words are adjacent in the query.
 *
 * Line format: `id: en words | de words | es words | fr words | pt words`.
 */

const CONCEPT_LINES = `
refund: refund, reimburse, reimbursement, money back, money-back | Rückerstattung, Erstattung, erstatten, zurückerstatten, Geld zurück | reembolso, reembolsar, devolución del dinero, devuelvan el dinero | remboursement, rembourser, remboursé | reembolso, reembolsar, estorno, dinheiro de volta
invoice: invoice, receipt, bill | Rechnung, Quittung, Beleg | factura, recibo | facture, reçu | fatura, nota fiscal, recibo
billing: billing, payment, pay, paid | Abrechnung, Zahlung, bezahlen, bezahlt, zahlen | facturación, pago, pagar, pagado | facturation, paiement, payer, payé | cobrança, pagamento, pagar, pago
charge: charge, charged, debited | abgebucht, Abbuchung, belastet, berechnet | cobro, cobrado, cobraron, cargo | prélèvement, prélevé, débité, facturé | cobrado, cobraram, débito, cobrança
payment_method: payment method, credit card, card, paypal, sepa, direct debit, bank transfer, cryptocurrency, bitcoin | Zahlungsart, Zahlungsmethode, Kreditkarte, Karte, Lastschrift, Überweisung | método de pago, tarjeta, transferencia, domiciliación | moyen de paiement, carte, carte bancaire, virement | método de pagamento, forma de pagamento, cartão, transferência, boleto
failed_payment: declined, failed payment, payment failed, bounced, expired card | abgelehnt, fehlgeschlagen | rechazado, rechazada, fallido, fallida | refusé, refusée, échoué, échec | recusado, recusada, falhou, falha
duplicate: twice, double, duplicate, two times | doppelt, zweimal | dos veces, duplicado, doble | deux fois, en double, doublon | duas vezes, duplicado, em dobro
chargeback: chargeback, dispute | Rückbuchung, Chargeback | contracargo, disputa | rétrofacturation, contestation | chargeback, contestação
vat: vat, vat id, vat number, tax, taxes, reverse charge | Umsatzsteuer, USt, USt-IdNr, MwSt, Mehrwertsteuer, Steuer | IVA, NIF, impuesto, impuestos | TVA, taxe, taxes, impôts | IVA, NIF, imposto, impostos
address: address, billing address, company details | Adresse, Rechnungsadresse, Anschrift, Firmendaten | dirección, domicilio | adresse | endereço, morada
currency: currency, euro, euros, dollar, dollars, pounds, sterling, exchange rate | Währung, Euro, Dollar, Wechselkurs | moneda, divisa, dólares, tipo de cambio | devise, monnaie, dollars, taux de change | moeda, dólares, câmbio
password: password, passphrase | Passwort, Kennwort | contraseña, clave | mot de passe | senha
login: login, log in, sign in, signin, sign-in, logon | Anmeldung, anmelden, einloggen, Login | iniciar sesión, inicio de sesión, acceder | connexion, se connecter, connecter, identifier | login, entrar, acessar, iniciar sessão, fazer login
forgot: forgot, forgotten, reset | vergessen, zurücksetzen | olvidé, olvidado, olvidada, restablecer | oublié, réinitialiser | esqueci, esquecida, redefinir, recuperar
two_factor: 2fa, two-factor, two factor, two-step, two step, authenticator, mfa, verification code, six-digit code | Zwei-Faktor, zwei Schritte, 2FA, Authentifizierung, Bestätigungscode, Authenticator | dos factores, doble factor, dos pasos, autenticación, verificación en dos pasos | double authentification, deux facteurs, deux étapes, authentification | dois fatores, duas etapas, autenticação, verificação em duas etapas, autenticador
recovery_code: recovery code, recovery codes, backup code | Wiederherstellungscode, Backup-Code | código de recuperación, códigos de recuperación | code de récupération, codes de récupération, code de secours | código de recuperação, códigos de recuperação
mobile: phone, mobile, app, iphone, android, tablet, smartphone | Handy, Telefon, Smartphone, App, Tablet | móvil, teléfono, celular, aplicación, app | téléphone, portable, mobile, application, tablette | celular, telemóvel, telefone, aplicativo, app
sso: sso, single sign-on, single sign on, saml, okta, azure ad, entra id | SSO, Single Sign-On | inicio de sesión único | authentification unique | login único, logon único
locked: locked, lockout, locked out, blocked | gesperrt, Sperre, blockiert | bloqueado, bloqueada | bloqué, bloquée, verrouillé | bloqueado, bloqueada
account: account, workspace, profile | Konto, Account, Arbeitsbereich, Profil, Kundenkonto | cuenta, perfil, espacio de trabajo | compte, profil, espace de travail | conta, perfil, espaço de trabalho
delete: delete, deletion, remove, erase, close my account, get rid | löschen, Löschung, entfernen | eliminar, borrar, suprimir, eliminación, darme de baja | supprimer, suppression, effacer | excluir, apagar, eliminar, exclusão, deletar
export: export, exporting, copy of my data | exportieren, Export | exportar, exportación | exporter, exportation | exportar, exportação
download: download, downloading | herunterladen, Download, runterladen | descargar, descargo, descarga | télécharger, téléchargement | baixar, baixo, download
data: data, personal data, information | Daten, personenbezogene Daten | datos, datos personales, información | données, données personnelles | dados, dados pessoais
gdpr: gdpr, privacy, dpa, data processing agreement, processor | DSGVO, Datenschutz, AVV, Auftragsverarbeitung | RGPD, privacidad, protección de datos | RGPD, confidentialité, vie privée | LGPD, RGPD, privacidade, proteção de dados
retention: retention, kept, retain, how long do you keep | aufbewahren, Aufbewahrung, gespeichert, speichern | conservar, conservan, conservación, retención, guardan | conserver, conservez, conservation | reter, retenção, guardam, armazenam
security: security, secure, safe, encryption, encrypted | Sicherheit, sicher, Verschlüsselung, verschlüsselt | seguridad, seguro, segura, cifrado, encriptación | sécurité, sécurisé, sécurisées, chiffrement, chiffré | segurança, seguro, seguros, criptografia, criptografado
hosting: hosted, hosting, server, servers, data center, data centre, region, located, location, stored | gehostet, Server, Rechenzentrum, Serverstandort, Standort, gespeichert | alojado, alojados, alojamiento, servidor, servidores, centro de datos, ubicados, ubicación, almacenados | hébergé, hébergées, hébergement, serveur, serveurs, centre de données, situés, localisation, stockées | hospedado, hospedados, hospedagem, servidor, servidores, centro de dados, localizados, localização, armazenados
certification: soc 2, soc2, iso 27001, certified, certification, audit, audited, compliance, compliant | Zertifizierung, zertifiziert, Audit, Prüfbericht, Konformität | certificación, certificado, auditoría, conformidad | certification, certifié, audit, conformité | certificação, certificado, certificados, auditoria, conformidade
vulnerability: vulnerability, bug bounty, security issue, security hole, security bug, security flaw, exploit, pentest, penetration test | Sicherheitslücke, Schwachstelle, Sicherheitsproblem | vulnerabilidad, fallo de seguridad | vulnérabilité, faille | vulnerabilidade, falha de segurança
hacked: hacked, compromised, suspicious, unauthorized, unknown login, someone else | gehackt, kompromittiert, verdächtig, unbefugt, fremder | hackeado, hackeada, comprometida, sospechoso, sospechosa | piraté, compromis, suspect, suspecte, inconnue | hackeado, hackeada, invadida, suspeito, suspeita, desconhecido
outage: outage, down, offline, not loading, nothing loads, won't load, doesn't load, unavailable, unreachable, incident, not working, broken | Ausfall, Störung, down, offline, nicht erreichbar, lädt nicht, lädt nichts, funktioniert nicht, ausgefallen | caída, caído, no funciona, fuera de servicio, incidencia, no carga, no cargan | panne, en panne, hors service, hors ligne, indisponible, incident, ne marche pas, ne fonctionne pas, ne charge pas | fora do ar, instável, indisponível, caiu, não funciona, pane, não carrega
status: status page, status | Statusseite, Status | página de estado, estado del servicio | page de statut, statut | página de status, status
uptime: sla, uptime, service credit, availability | Verfügbarkeit, Gutschrift | disponibilidad, crédito | disponibilité, crédit, avoir | disponibilidade, crédito
maintenance: maintenance, scheduled maintenance, downtime | Wartung, Wartungsarbeiten, Wartungsfenster | mantenimiento | maintenance | manutenção
incident_report: post-mortem, postmortem, root cause, incident report | Ursachenanalyse, Vorfallbericht | análisis de causa, informe del incidente | post-mortem, analyse des causes | post-mortem, análise da causa
cancel: cancel, cancellation, cancelling, unsubscribe, terminate | kündigen, Kündigung, stornieren, Storno, abbestellen | cancelar, cancelación, dar de baja, baja | annuler, annulation, résilier, résiliation, désabonner | cancelar, cancelamento
subscription: subscription, plan, plans, tier | Abo, Abonnement, Tarif, Plan, Jahresplan | suscripción, plan, planes | abonnement, forfait, formule, offre | assinatura, plano, planos
price: price, prices, pricing, cost, costs, how much, fee, fees, expensive | Preis, Preise, kostet, Kosten, Gebühr, Gebühren, teuer | precio, precios, cuesta, coste, costo, cuánto | prix, tarif, coûte, coût, frais, combien | preço, preços, custa, custo, quanto
limit: limit, limits, quota, maximum, how many, exceed, over the limit, overage, go over | Limit, Grenze, Kontingent, überschreiten, maximal, wie viele | límite, cuota, máximo, cuántos, cuántas, superar, exceder, pasarme | limite, quota, maximum, combien de, dépasser, dépasse | limite, cota, máximo, quantos, quantas, ultrapassar, exceder, passar do
upgrade: upgrade, downgrade, change plan, switch plan, bigger plan, smaller plan | Upgrade, Downgrade, upgraden, Tarifwechsel, wechseln | cambiar de plan, mejorar el plan, bajar de plan | changer d'offre, changer de forfait, passer à | mudar de plano, trocar de plano, upgrade, downgrade
discount: discount, non-profit, nonprofit, ngo, charity, startup, coupon, promo code | Rabatt, gemeinnützig, Verein, Gutschein, Nachlass | descuento, ONG, sin ánimo de lucro, cupón | réduction, remise, association, ONG, code promo | desconto, ONG, sem fins lucrativos, cupom
trial: trial, free trial, try out, test it | Testversion, Testphase, testen, Probezeit | prueba, prueba gratuita, periodo de prueba, probar | essai, essai gratuit, période d'essai, essayer | teste, teste grátis, período de teste, avaliação, testar
free: free, no cost | kostenlos, gratis | gratis, gratuito, gratuita | gratuit, gratuite | grátis, gratuito, gratuita
annual: annual, annually, yearly, per year | jährlich, Jahresabo, Jahresplan, Jahreszahlung | anual, anualmente | annuel, annuelle | anual, anualmente
monthly: monthly, per month | monatlich | mensual, mensualmente | mensuel, mensuelle | mensal, mensalmente
label: label, labels, shipping label, postage | Etikett, Versandetikett, Label, Versandlabel, Porto | etiqueta, etiquetas, etiqueta de envío, franqueo | étiquette, étiquettes, affranchissement | etiqueta, etiquetas, etiqueta de envio, franquia, postagem
print: print, printer, printing, thermal, zpl | drucken, Drucker, Ausdruck, Etikettendrucker | imprimir, impresora, impresión | imprimer, imprimante, impression | imprimir, impressora, impressão
void: void, voided, unused, unused label | ungültig machen, unbenutzt, ungenutzt | anular, sin usar, no usada | inutilisée, inutilisé, non utilisée | anular, não utilizada, não usada
tracking: tracking, track, tracking number, where is my, trace | Sendungsverfolgung, verfolgen, Sendungsnummer, Trackingnummer, Tracking, wo ist | seguimiento, rastrear, número de seguimiento, rastreo, dónde está | suivi, suivre, numéro de suivi, traçage, où est | rastreamento, rastrear, código de rastreio, rastreio, onde está
not_updating: not updating, no update, no updates, stuck, no scan, not moving, no movement, hasn't moved | keine Aktualisierung, hängt, nicht aktualisiert, keine Bewegung, bewegt sich nicht | no se actualiza, sin actualizar, atascado, parado, no se mueve | pas à jour, ne bouge pas, aucune mise à jour, n'avance pas | não atualiza, parado, sem atualização, não se move
parcel: parcel, parcels, package, packages, shipment, shipments, delivery | Paket, Pakete, Sendung, Lieferung, Päckchen | paquete, paquetes, envío, envíos, entrega | colis, envoi, livraison, expédition | pacote, pacotes, encomenda, envio, entrega, remessa
lost_damaged: lost, damaged, missing, claim, insurance, insured, compensation | verloren, beschädigt, kaputt, Reklamation, Schadensmeldung, Versicherung, Entschädigung, verschwunden | perdido, dañado, roto, reclamación, seguro, indemnización | perdu, endommagé, abîmé, cassé, réclamation, assurance, indemnisation | perdido, danificado, quebrado, extraviado, reclamação, seguro, indenização
returns: return, returns, send back, return label, returns portal | Retoure, Retouren, Rücksendung, zurücksenden, Retourenportal, Rückversand | devolución, devoluciones, devolver | retour, retours, retourner, renvoyer | devolução, devoluções, devolver, logística reversa
customs: customs, customs declaration, cn22, cn23, hs code, commercial invoice, duties | Zoll, Zollerklärung, Zollinhaltserklärung, Zollgebühren | aduana, aduanas, declaración aduanera | douane, douanes, déclaration en douane | alfândega, declaração aduaneira, aduana
international: international, abroad, outside the eu, overseas | international, Ausland, außerhalb der EU | internacional, internacionales, extranjero, fuera de la UE | international, internationaux, étranger, hors UE | internacional, internacionais, exterior, fora da UE
carrier: carrier, carriers, courier, dhl, ups, dpd, gls, hermes, usps, colissimo, correos, ctt | Versanddienstleister, Paketdienst, Zusteller, Versanddienst | transportista, transportistas, mensajería, paquetería | transporteur, transporteurs, livreur | transportadora, transportadoras, correios
country: country, countries, destination | Land, Länder, Zielland | país, países, destino | pays, destination | país, países, destino
shop: shop, store, online shop, shopify, woocommerce, etsy, shopware, magento, amazon, integration, integrations | Shop, Onlineshop, Integration, Integrationen, anbinden | tienda, tienda online, integración, integraciones | boutique, intégration, intégrations | loja, loja virtual, integração, integrações
connect: connect, connected, connecting, link, reconnect, disconnected, connection | verbinden, verbunden, Verbindung, getrennt, neu verbinden | conectar, conectado, conexión, desconectado, reconectar, vincular | connecter, connecté, déconnecté, reconnecter, relier | conectar, conectado, conexão, desconectado, reconectar, vincular
import: import, importing, imported, sync, synchronize, syncing | importieren, importiert, Import, synchronisieren | importar, importan, importado, sincronizar | importer, importées, importé, synchroniser | importar, importados, importado, sincronizar
order: order, orders | Bestellung, Bestellungen, Auftrag, Aufträge | pedido, pedidos | commande, commandes | pedido, pedidos, encomendas
api: api, api key, rest api, rate limit, developer, developers, 429 | API, API-Schlüssel, Schnittstelle, Entwickler | API, clave de API, desarrollador | API, clé API, développeur | API, chave de API, desenvolvedor
webhook: webhook, webhooks, callback | Webhook, Webhooks | webhook, webhooks | webhook, webhooks | webhook, webhooks
automation: zapier, automation, automate, no code | Zapier, Automatisierung, automatisieren | automatización, automatizar | automatisation, automatiser | automação, automatizar
notification: notification, notifications, notify, tracking email, alerts | Benachrichtigung, Benachrichtigungen, benachrichtigen | notificación, notificaciones, aviso, avisos | notification, notifications, alerte | notificação, notificações, aviso, avisos
email: email, e-mail, mail, emails | E-Mail, Mail, E-Mails, Mails | correo, correos, email | e-mail, courriel, mail, mails | e-mail, email, e-mails
change: change, update, modify, edit | ändern, aktualisieren, bearbeiten, Änderung | cambiar, modificar, actualizar | changer, modifier, mettre à jour | alterar, mudar, trocar, atualizar
name: name, username | Name, Benutzername | nombre | nom | nome
team: colleague, colleagues, invite, member, members, user, users, seat, seats, teammate | Team, Kollege, Kollegen, Kollegin, Mitarbeiter, einladen, Benutzer, Nutzer, Mitglied, Mitglieder | equipo, compañero, compañeros, invitar, usuario, usuarios, miembro, miembros | équipe, collègue, collègues, inviter, utilisateur, utilisateurs, membre, membres | equipe, colega, colegas, convidar, usuário, usuários, membro, membros
role: role, roles, permission, permissions, admin, owner, access rights, viewer | Rolle, Rollen, Berechtigung, Berechtigungen, Rechte, Admin, Inhaber | rol, roles, permiso, permisos, administrador, propietario | rôle, rôles, permission, permissions, droits, administrateur, propriétaire | função, funções, permissão, permissões, administrador, proprietário, dono
transfer: transfer, ownership, hand over | übertragen, Übertragung, übergeben | transferir, transferencia de propiedad | transférer, transfert | transferir, transferência
contact: contact, reach, hotline, chat, phone support, support team | Kontakt, kontaktieren, erreichen, Support, Kundendienst, Hotline | contacto, contactar, soporte, atención al cliente | contacter, joindre, support, service client | contato, contatar, suporte, atendimento
hours: hours, opening hours, business hours, weekend, weekends | Öffnungszeiten, Uhrzeit, Wochenende, Geschäftszeiten | horario, horarios, fin de semana | horaires, week-end | horário, horários, fim de semana
language: language, languages, english, german, spanish, french, portuguese | Sprache, Sprachen, Deutsch, Englisch | idioma, idiomas, español, inglés | langue, langues, français, anglais | idioma, idiomas, português, inglês
session: session, sessions, sign out, log out, logout | Sitzung, Sitzungen, abmelden, ausloggen | sesión, sesiones, cerrar sesión | session, sessions, déconnecter, déconnexion | sessão, sessões, sair, deslogar
staff_access: staff, employee, employees, support access | Mitarbeiter, Zugriff, Angestellte | empleados, personal, acceso | employés, personnel, accès | funcionários, acesso
backup: backup, backups | Sicherung, Backup, Datensicherung, Backups | copia de seguridad, copias de seguridad, respaldo | sauvegarde, sauvegardes | backup, backups, cópia de segurança
end_customer: customer, customers, my customer, my customers, end customer, buyer, buyers, customer data | Endkunde, Endkunden, Kunde, Kunden, Kundendaten, Käufer | cliente, clientes, datos del cliente, comprador | client, clients, données client, acheteur | cliente, clientes, dados do cliente, comprador
bulk: bulk, batch, at once, many labels | Massendruck, mehrere, gleichzeitig, auf einmal | masivo, masiva, varios, varias, a la vez | en masse, plusieurs, à la fois, en lot | em massa, vários, várias, de uma vez, em lote
weight: weight, size, dimensions | Gewicht, Größe, Maße | peso, medidas, tamaño | poids, taille, dimensions | peso, tamanho, medidas
contract: own carrier account, own rates, negotiated rates, contract, customer number | eigener Vertrag, Vertrag, Kundennummer, eigene Konditionen | contrato, tarifas propias, número de cliente | contrat, propre compte, tarifs négociés | contrato, conta própria, tarifas negociadas
duration: how long, days, business days | wie lange, dauert, Tage, Werktage | cuánto tarda, tarda, tardan, días | combien de temps, délai, jours | quanto tempo, demora, demoram, prazo, dias
install: install, installation, software, browser | installieren, Installation | instalar, instalación | installer, installation | instalar, instalação
request: request, ask for, apply for, claim back | beantragen, anfordern, bekommen | pedir, solicitar, solicitud | demander, obtenir, demande | pedir, peço, solicitar, solicitação
create: create, creating, make a, generate | erstellen, anlegen, erzeugen | crear, creo, generar | créer, générer | criar, crio, gerar
add: add, adding, enter | hinzufügen, eintragen, ergänzen | añadir, agregar, agrego | ajouter | adicionar, incluir, adiciono
activate: activate, enable, turn on, set up, setting up, setup | aktivieren, einrichten, richte, einschalten | activar, habilitar, configurar | activer, configurer, mettre en place | ativar, ativo, habilitar, configurar
arrive: arrive, arrived, arrival | angekommen, ankommen, eingetroffen | llegado, llegó, llegar | arrivé, arrivée | chegou, chegar, chegado
service: app, site, website, system, platform, service, tool | Seite, Webseite, Website, System, Plattform, Dienst | sitio, web, sistema, plataforma, servicio | site, système, plateforme, service | site, sistema, plataforma, serviço
europe: eu, europe, european union, germany | EU, Europa, Deutschland | UE, Europa, Alemania | UE, Europe, Allemagne | UE, Europa, Alemanha
accept: accept, accepted | akzeptieren, akzeptiert | aceptan, aceptar, aceptáis | acceptez, accepter, acceptés | aceitam, aceitar
read_only: read-only, read only, suspended, restricted | schreibgeschützt, eingeschränkt, gesperrt | solo lectura, suspendida, suspendido | lecture seule, suspendu, suspendue | somente leitura, suspensa, suspenso
`;

export const CONCEPT_LANGUAGES = ['en', 'de', 'es', 'fr', 'pt'] as const;

export interface Concept {
  id: string;
  /** Every word and phrase of the concept, all languages, as written. */
  words: string[];
}

function parseConcepts(text: string): Concept[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const colon = line.indexOf(':');
      const id = line.slice(0, colon).trim();
      const words = line
        .slice(colon + 1)
        .split(/[|,]/)
        .map((word) => word.trim())
        .filter((word) => word !== '');
      return { id, words: [...new Set(words)] };
    });
}

export const CONCEPTS: readonly Concept[] = parseConcepts(CONCEPT_LINES);
