// Polish words the demo firm is made of. Names keep their diacritics; codes stay ASCII.

export const MALE_FIRST_NAMES = [
  'Łukasz', 'Grzegorz', 'Paweł', 'Michał', 'Piotr', 'Krzysztof', 'Tomasz', 'Andrzej', 'Jacek',
  'Wojciech', 'Mateusz', 'Jakub', 'Kamil', 'Marcin', 'Przemysław', 'Radosław', 'Bartłomiej',
  'Zbigniew', 'Józef', 'Stanisław', 'Maciej', 'Jarosław', 'Sławomir', 'Dariusz', 'Adam', 'Marek',
  'Jerzy', 'Mirosław', 'Bogusław', 'Witold', 'Rafał', 'Szymon', 'Mikołaj', 'Kazimierz', 'Zdzisław',
] as const;

export const FEMALE_FIRST_NAMES = [
  'Żaneta', 'Małgorzata', 'Agnieszka', 'Katarzyna', 'Anna', 'Joanna', 'Magdalena', 'Elżbieta',
  'Barbara', 'Jolanta', 'Bożena', 'Grażyna', 'Urszula', 'Danuta', 'Halina', 'Ewa', 'Zofia',
  'Weronika', 'Łucja', 'Dorota', 'Beata', 'Iwona', 'Justyna', 'Monika', 'Aleksandra', 'Natalia',
  'Marianna', 'Wiesława', 'Jadwiga', 'Krystyna', 'Teresa', 'Renata', 'Sylwia', 'Paulina', 'Gabriela',
] as const;

/** Surnames in the masculine form; -ski/-cki/-dzki take -ska/-cka/-dzka for women. */
export const SURNAMES = [
  'Kowalski', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowski', 'Zieliński',
  'Szymański', 'Woźniak', 'Dąbrowski', 'Kozłowski', 'Jankowski', 'Mazur', 'Kwiatkowski',
  'Krawczyk', 'Piotrowski', 'Grabowski', 'Nowakowski', 'Pawłowski', 'Michalski', 'Nowicki',
  'Adamczyk', 'Dudek', 'Zając', 'Wieczorek', 'Jabłoński', 'Król', 'Majewski', 'Olszewski',
  'Jaworski', 'Wróbel', 'Malinowski', 'Pawlak', 'Witkowski', 'Walczak', 'Stępień', 'Górski',
  'Rutkowski', 'Michalak', 'Sikora', 'Ostrowski', 'Baran', 'Duda', 'Szewczyk', 'Tomaszewski',
  'Pietrzak', 'Marciniak', 'Wróblewski', 'Zalewski', 'Jakubowski', 'Jasiński', 'Zawadzki',
  'Sadowski', 'Bąk', 'Chmielewski', 'Włodarczyk', 'Borkowski', 'Czarnecki', 'Sawicki',
  'Sokołowski', 'Urbański', 'Kubiak', 'Maciejewski', 'Szczepański', 'Kucharski', 'Wilk',
  'Kalinowski', 'Lis', 'Mazurek', 'Wysocki', 'Adamski', 'Kaźmierczak', 'Wasilewski', 'Sobczak',
  'Czerwiński', 'Andrzejewski', 'Cieślak', 'Głowacki', 'Zakrzewski', 'Kołodziej', 'Sikorski',
  'Krajewski', 'Gajewski', 'Szymczak', 'Szulc', 'Baranowski', 'Laskowski', 'Brzeziński',
  'Makowski', 'Ziółkowski', 'Przybylski', 'Żak', 'Łuczak', 'Ślusarczyk', 'Źródłowski',
  'Gołębiowski', 'Brzęczyszczykiewicz', 'Chrząszcz', 'Grzybowski', 'Pszczółkowski',
] as const;

export function surnameFor(masculine: string, female: boolean): string {
  return female ? masculine.replace(/(ski|cki|dzki)$/, (m) => m.slice(0, -1) + 'a') : masculine;
}

const ASCII: Record<string, string> = {
  ą: 'a', ć: 'c', ę: 'e', ł: 'l', ń: 'n', ó: 'o', ś: 's', ź: 'z', ż: 'z',
  Ą: 'A', Ć: 'C', Ę: 'E', Ł: 'L', Ń: 'N', Ó: 'O', Ś: 'S', Ź: 'Z', Ż: 'Z',
};

/** For e-mail addresses and other ASCII-only places. */
export function asciiOf(s: string): string {
  return s.replace(/[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/g, (c) => ASCII[c]!);
}

export interface City { name: string; postcode: string; voivodeship: string; county: string }

export const CITIES: City[] = [
  { name: 'Poznań', postcode: '61-001', voivodeship: 'wielkopolskie', county: 'Poznań' },
  { name: 'Kraków', postcode: '30-001', voivodeship: 'małopolskie', county: 'Kraków' },
  { name: 'Łódź', postcode: '90-001', voivodeship: 'łódzkie', county: 'Łódź' },
  { name: 'Wrocław', postcode: '50-001', voivodeship: 'dolnośląskie', county: 'Wrocław' },
  { name: 'Gdańsk', postcode: '80-001', voivodeship: 'pomorskie', county: 'Gdańsk' },
  { name: 'Białystok', postcode: '15-001', voivodeship: 'podlaskie', county: 'Białystok' },
  { name: 'Częstochowa', postcode: '42-200', voivodeship: 'śląskie', county: 'Częstochowa' },
  { name: 'Toruń', postcode: '87-100', voivodeship: 'kujawsko-pomorskie', county: 'Toruń' },
  { name: 'Rzeszów', postcode: '35-001', voivodeship: 'podkarpackie', county: 'Rzeszów' },
  { name: 'Zielona Góra', postcode: '65-001', voivodeship: 'lubuskie', county: 'Zielona Góra' },
  { name: 'Bielsko-Biała', postcode: '43-300', voivodeship: 'śląskie', county: 'Bielsko-Biała' },
  { name: 'Ruda Śląska', postcode: '41-700', voivodeship: 'śląskie', county: 'Ruda Śląska' },
  { name: 'Gorzów Wielkopolski', postcode: '66-400', voivodeship: 'lubuskie', county: 'Gorzów Wielkopolski' },
  { name: 'Swarzędz', postcode: '62-020', voivodeship: 'wielkopolskie', county: 'poznański' },
  { name: 'Luboń', postcode: '62-030', voivodeship: 'wielkopolskie', county: 'poznański' },
  { name: 'Kórnik', postcode: '62-035', voivodeship: 'wielkopolskie', county: 'poznański' },
  { name: 'Śrem', postcode: '63-100', voivodeship: 'wielkopolskie', county: 'śremski' },
  { name: 'Września', postcode: '62-300', voivodeship: 'wielkopolskie', county: 'wrzesiński' },
];

export const STREETS = [
  'Długa', 'Krótka', 'Polna', 'Leśna', 'Słoneczna', 'Świętokrzyska', 'Żeromskiego', 'Kościuszki',
  'Mickiewicza', 'Piłsudskiego', 'Źródlana', 'Łąkowa', 'Ogrodowa', 'Kwiatowa', 'Wiśniowa',
  'Jagiellońska', 'Grunwaldzka', 'Sienkiewicza', 'Wojska Polskiego', '3 Maja', 'Żwirki i Wigury',
  'Głogowska', 'Górna Wilda', 'Ułańska', 'Bukowska', 'Dąbrowskiego', 'Szamotulska', 'Wołczyńska',
] as const;

/** Business-trip destinations; currency and rate only for trips abroad. */
export const TRIP_DESTINATIONS = [
  { city: 'Warszawa', abroad: false }, { city: 'Gdańsk', abroad: false }, { city: 'Wrocław', abroad: false },
  { city: 'Kraków', abroad: false }, { city: 'Katowice', abroad: false }, { city: 'Szczecin', abroad: false },
  { city: 'Łódź', abroad: false }, { city: 'Bydgoszcz', abroad: false }, { city: 'Lublin', abroad: false },
  { city: 'Berlin', abroad: true, currency: 'EUR', rate: 4.2634 },
  { city: 'Monachium', abroad: true, currency: 'EUR', rate: 4.2634 },
  { city: 'Wiedeń', abroad: true, currency: 'EUR', rate: 4.2634 },
  { city: 'Praga', abroad: true, currency: 'CZK', rate: 0.1712 },
  { city: 'Kopenhaga', abroad: true, currency: 'DKK', rate: 0.5713 },
] as const;

export const TRIP_PURPOSES = [
  'Spotkanie z klientem', 'Targi branżowe', 'Szkolenie zewnętrzne', 'Audyt u dostawcy',
  'Odbiór techniczny maszyny', 'Konferencja „Przemysł 4.0”', 'Negocjacje kontraktu', 'Serwis u klienta',
] as const;

export const CONTRACT_SUBJECTS = [
  'Przeprowadzenie szkolenia z obsługi wózków jezdniowych', 'Opracowanie dokumentacji techniczno-ruchowej',
  'Tłumaczenie instrukcji stanowiskowych na język niemiecki', 'Przygotowanie materiałów marketingowych',
  'Audyt wewnętrzny systemu zarządzania jakością', 'Sprzątanie hali produkcyjnej w weekendy',
  'Pomoc przy inwentaryzacji rocznej', 'Projekt graficzny katalogu wyrobów',
] as const;

export const OCCASIONAL_LEAVE_REASONS = [
  'Ślub pracownika', 'Narodziny dziecka', 'Zgon i pogrzeb małżonka', 'Ślub dziecka', 'Zgon i pogrzeb babci',
] as const;
