/**
 * The child order of every FA complex type the renderer writes, copied from the XSD's sequences
 * (choices flattened in document order, which keeps each branch's own order). FA(2) and FA(3)
 * share these orders; FA(2) simply lacks some elements (JST, GV, TerminOpis's parts, IPKSeF, …).
 * `faElementOrder.test.ts` compares every table with the vendored XSDs.
 */
export const faElementOrder = {
  Faktura: ['Naglowek', 'Podmiot1', 'Podmiot2', 'Podmiot3', 'PodmiotUpowazniony', 'Fa', 'Stopka', 'Zalacznik'],
  TNaglowek: ['KodFormularza', 'WariantFormularza', 'DataWytworzeniaFa', 'SystemInfo'],
  TAdres: ['KodKraju', 'AdresL1', 'AdresL2', 'GLN'],
  TPodmiot1: ['NIP', 'Nazwa'],
  TPodmiot2: ['NIP', 'KodUE', 'NrVatUE', 'KodKraju', 'NrID', 'BrakID', 'Nazwa'],
  TPodmiot3: ['NIP', 'IDWew', 'KodUE', 'NrVatUE', 'KodKraju', 'NrID', 'BrakID', 'Nazwa'],
  TRachunekBankowy: ['NrRB', 'SWIFT', 'RachunekWlasnyBanku', 'NazwaBanku', 'OpisRachunku'],
  TKluczWartosc: ['NrWiersza', 'Klucz', 'Wartosc'],
  Podmiot1: ['PrefiksPodatnika', 'NrEORI', 'DaneIdentyfikacyjne', 'Adres', 'AdresKoresp', 'DaneKontaktowe', 'StatusInfoPodatnika'],
  'Podmiot1/DaneKontaktowe': ['Email', 'Telefon'],
  Podmiot2: ['NrEORI', 'DaneIdentyfikacyjne', 'Adres', 'AdresKoresp', 'DaneKontaktowe', 'NrKlienta', 'IDNabywcy', 'JST', 'GV'],
  Podmiot3: ['IDNabywcy', 'NrEORI', 'DaneIdentyfikacyjne', 'Adres', 'AdresKoresp', 'DaneKontaktowe', 'Rola', 'RolaInna', 'OpisRoli', 'Udzial', 'NrKlienta'],
  PodmiotUpowazniony: ['NrEORI', 'DaneIdentyfikacyjne', 'Adres', 'AdresKoresp', 'DaneKontaktowe', 'RolaPU'],
  'PodmiotUpowazniony/DaneKontaktowe': ['EmailPU', 'TelefonPU'],
  Fa: [
    'KodWaluty', 'P_1', 'P_1M', 'P_2', 'WZ', 'P_6', 'OkresFa',
    'P_13_1', 'P_14_1', 'P_14_1W', 'P_13_2', 'P_14_2', 'P_14_2W', 'P_13_3', 'P_14_3', 'P_14_3W',
    'P_13_4', 'P_14_4', 'P_14_4W', 'P_13_5', 'P_14_5', 'P_13_6_1', 'P_13_6_2', 'P_13_6_3',
    'P_13_7', 'P_13_8', 'P_13_9', 'P_13_10', 'P_13_11', 'P_15', 'KursWalutyZ', 'Adnotacje', 'RodzajFaktury',
    'PrzyczynaKorekty', 'TypKorekty', 'DaneFaKorygowanej', 'OkresFaKorygowanej', 'NrFaKorygowany',
    'Podmiot1K', 'Podmiot2K', 'P_15ZK', 'KursWalutyZK', 'ZaliczkaCzesciowa', 'FP', 'TP', 'DodatkowyOpis',
    'FakturaZaliczkowa', 'ZwrotAkcyzy', 'FaWiersz', 'Rozliczenie', 'Platnosc', 'WarunkiTransakcji', 'Zamowienie',
  ],
  OkresFa: ['P_6_Od', 'P_6_Do'],
  Adnotacje: ['P_16', 'P_17', 'P_18', 'P_18A', 'Zwolnienie', 'NoweSrodkiTransportu', 'P_23', 'PMarzy'],
  Zwolnienie: ['P_19', 'P_19A', 'P_19B', 'P_19C', 'P_19N'],
  NoweSrodkiTransportu: ['P_22', 'P_42_5', 'NowySrodekTransportu', 'P_22N'],
  PMarzy: ['P_PMarzy', 'P_PMarzy_2', 'P_PMarzy_3_1', 'P_PMarzy_3_2', 'P_PMarzy_3_3', 'P_PMarzyN'],
  DaneFaKorygowanej: ['DataWystFaKorygowanej', 'NrFaKorygowanej', 'NrKSeF', 'NrKSeFFaKorygowanej', 'NrKSeFN'],
  FakturaZaliczkowa: ['NrKSeFZN', 'NrFaZaliczkowej', 'NrKSeFFaZaliczkowej'],
  FaWiersz: [
    'NrWierszaFa', 'UU_ID', 'P_6A', 'P_7', 'Indeks', 'GTIN', 'PKWiU', 'CN', 'PKOB', 'P_8A', 'P_8B',
    'P_9A', 'P_9B', 'P_10', 'P_11', 'P_11A', 'P_11Vat', 'P_12', 'P_12_XII', 'P_12_Zal_15',
    'KwotaAkcyzy', 'GTU', 'Procedura', 'KursWaluty', 'StanPrzed',
  ],
  Platnosc: [
    'Zaplacono', 'DataZaplaty', 'ZnacznikZaplatyCzesciowej', 'ZaplataCzesciowa', 'TerminPlatnosci',
    'FormaPlatnosci', 'PlatnoscInna', 'OpisPlatnosci', 'RachunekBankowy', 'RachunekBankowyFaktora',
    'Skonto', 'LinkDoPlatnosci', 'IPKSeF',
  ],
  TerminPlatnosci: ['Termin', 'TerminOpis'],
  TerminOpis: ['Ilosc', 'Jednostka', 'ZdarzeniePoczatkowe'],
  Skonto: ['WarunkiSkonta', 'WysokoscSkonta'],
  Zamowienie: ['WartoscZamowienia', 'ZamowienieWiersz'],
  ZamowienieWiersz: [
    'NrWierszaZam', 'UU_IDZ', 'P_7Z', 'IndeksZ', 'GTINZ', 'PKWiUZ', 'CNZ', 'PKOBZ', 'P_8AZ', 'P_8BZ',
    'P_9AZ', 'P_11NettoZ', 'P_11VatZ', 'P_12Z', 'P_12Z_XII', 'P_12Z_Zal_15', 'GTUZ', 'ProceduraZ',
    'KwotaAkcyzyZ', 'StanPrzedZ',
  ],
  Stopka: ['Informacje', 'Rejestry'],
  Informacje: ['StopkaFaktury'],
  Rejestry: ['PelnaNazwa', 'KRS', 'REGON', 'BDO'],
} as const;

/** A complex type (or element path) with an order table. */
export type FaComplexType = keyof typeof faElementOrder;
