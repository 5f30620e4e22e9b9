// The tenant list as a table: the summary's columns in the spec's order, blank ones left out, fitted.
import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { renderTenantList } from '../src/render-tenant-list.js';

const io = (columns?: number) => ({
  color: pc.createColors(false),
  ...(columns === undefined ? {} : { columns }),
});
const tenants = [
  {
    id: 'MTIz',
    name: 'shop-berlin',
    domain: null,
    enabled: true,
    timezone: 'Europe/Berlin',
    max_extensions: 50,
  },
  {
    id: 'NDU2',
    name: 'Acme Corporation',
    domain: 'acme.pbx',
    enabled: false,
    timezone: null,
    max_extensions: 1000,
  },
];

describe('renderTenantList', () => {
  it('has a column per summary field some tenant has, in the spec order', () => {
    expect(renderTenantList(tenants, io())).toBe(
      [
        'ID    NAME              DOMAIN    ENABLED  TIMEZONE       MAX_EXTENSIONS',
        'MTIz  shop-berlin       —         yes      Europe/Berlin  50',
        'NDU2  Acme Corporation  acme.pbx  no       —              1000',
      ].join('\n'),
    );
  });

  it('leaves out the columns that do not fit, shortening the last that does', () => {
    expect(renderTenantList(tenants, io(30))).toBe(
      ['ID    NAME              DOMAIN', 'MTIz  shop-berlin       —', 'NDU2  Acme Corporation  acme.…'].join(
        '\n',
      ),
    );
    expect(renderTenantList(tenants, io(20))).toBe(
      ['ID    NAME', 'MTIz  shop-berlin', 'NDU2  Acme Corporat…'].join('\n'),
    );
  });
});
