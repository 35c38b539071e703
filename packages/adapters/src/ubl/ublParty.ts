import type { Address, Contact } from '@ksef-connect/core';
import type { DocumentReportBuilder } from '../report/DocumentReportBuilder.js';
import type { XmlNode } from '../xml/XmlNode.js';

/** The parts of a UBL party (`cac:Party`, BG-4 / BG-7) that FA needs. */
export interface UblParty {
  readonly name: string | undefined;
  /** The VAT identifier (BT-31 / BT-48) as written, e.g. `PL5261040828`. */
  readonly vatNumber: string | undefined;
  /** The legal registration identifier (BT-30 / BT-47). */
  readonly legalId: string | undefined;
  /** `cbc:EndpointID` and its `schemeID` (9945 is the Polish VAT number). */
  readonly endpoint: { readonly id: string; readonly scheme: string | undefined } | undefined;
  readonly address: Address | undefined;
  readonly countryCode: string | undefined;
  readonly contacts: readonly Contact[];
}

/** Reads `cac:Party` (names, identifiers, BG-5/BG-8 address, BG-6/BG-9 contact). */
export function readUblParty(party: XmlNode, report: DocumentReportBuilder): UblParty {
  const vatScheme = party.all('PartyTaxScheme').find((s) => (s.textOf('TaxScheme', 'ID') ?? 'VAT').toUpperCase() === 'VAT');
  const endpointNode = party.first('EndpointID');
  const endpointId = endpointNode?.text();
  const address = readUblAddress(party.first('PostalAddress'), report);
  const contact = party.first('Contact');
  const contacts: Contact[] = [];
  const email = contact?.textOf('ElectronicMail');
  let phone = contact?.textOf('Telephone');
  if (phone !== undefined && phone.length > 16) {
    report.warning(`phone "${phone}" is longer than FA's 16 characters and was left out`, `${contact?.path ?? party.path}/cbc:Telephone`);
    phone = undefined;
  }
  if (email !== undefined || phone !== undefined) {
    contacts.push({ ...(email === undefined ? {} : { email }), ...(phone === undefined ? {} : { phone }) });
  }
  if (contact?.textOf('Name') !== undefined) report.unmapped(`${contact.path}/cbc:Name`);
  return {
    name: party.textOf('PartyLegalEntity', 'RegistrationName') ?? party.textOf('PartyName', 'Name'),
    vatNumber: vatScheme?.textOf('CompanyID'),
    legalId: party.textOf('PartyLegalEntity', 'CompanyID'),
    endpoint: endpointId === undefined ? undefined : { id: endpointId, scheme: endpointNode?.attr('schemeID') },
    address: address?.address,
    countryCode: address?.countryCode,
    contacts,
  };
}

/**
 * An EN 16931 postal address as FA's two lines: street, building and extra lines in `AdresL1`,
 * postal code, town and region in `AdresL2`.
 */
function readUblAddress(node: XmlNode | undefined, report: DocumentReportBuilder): { address: Address | undefined; countryCode: string | undefined } | undefined {
  if (node === undefined) return undefined;
  const countryCode = node.textOf('Country', 'IdentificationCode')?.toUpperCase();
  const street = [node.textOf('StreetName'), node.textOf('BuildingNumber')].filter((s) => s !== undefined).join(' ');
  const extra = [node.textOf('AdditionalStreetName'), ...node.all('AddressLine').map((l) => l.textOf('Line'))];
  const line1Parts = [street, ...extra].filter((s): s is string => s !== undefined && s !== '');
  const town = [node.textOf('PostalZone'), node.textOf('CityName')].filter((s) => s !== undefined).join(' ');
  const region = node.textOf('CountrySubentity');
  const line2 = [town, region].filter((s): s is string => s !== undefined && s !== '').join(', ');
  if (countryCode === undefined) {
    report.error('the address has no country (cbc:IdentificationCode, BT-40/BT-55): FA requires KodKraju', `${node.path}/cac:Country/cbc:IdentificationCode`);
    return { address: undefined, countryCode };
  }
  if (line1Parts.length === 0 && line2 === '') {
    report.error('the address has neither street nor town: FA requires at least AdresL1', node.path);
    return { address: undefined, countryCode };
  }
  const line1 = line1Parts.length > 0 ? line1Parts.join(', ') : line2;
  return {
    address: { countryCode, line1, ...(line1Parts.length > 0 && line2 !== '' ? { line2 } : {}) },
    countryCode,
  };
}
