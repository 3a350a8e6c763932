import type {
  DatasetClassification,
  DatasetLayer,
} from '@cloud-data-hub/data-hub-common';

/** A column of a generated table: its SQL expression over the row number `i`. */
export interface DemoColumn {
  name: string;
  sql: string;
  description: string;
  pii?: boolean;
}

/** A generated table; `partitionBy` columns become Hive-style folders (`dt=2026-11-01/`). */
export interface DemoTable {
  name: string;
  description: string;
  rows: number;
  partitionBy?: string[];
  columns: DemoColumn[];
}

/** A dataset of the demo lake, in the shape the Dataset kind needs. */
export interface DemoDataset {
  name: string;
  title: string;
  description: string;
  tags: string[];
  hub: string;
  layer: DatasetLayer;
  businessObject: string;
  owner: string;
  classification: DatasetClassification;
  lifecycle: string;
  freshnessHours: number;
  upstream: string[];
  tables: DemoTable[];
}

const c = (
  name: string,
  sql: string,
  description: string,
  pii = false,
): DemoColumn => ({ name, sql, description, ...(pii ? { pii } : {}) });

// Demo data spans two weeks ending on a fixed date, so every generation is identical.
const DAY0 = `DATE '2026-10-19'`;
const DAYS = 14;
const dayOf = (salt: string) =>
  `${DAY0} + (hash(i, '${salt}') % ${DAYS})::INTEGER`;
const tsOf = (salt: string) =>
  `(${DAY0}::TIMESTAMP + to_seconds((hash(i, '${salt}') % ${
    DAYS * 86400
  })::BIGINT))`;

const US_STATES = `['CA','TX','NY','FL','WA','IL','NJ','GA','MA','AZ','CO','NC']`;
const CN_CITIES = `['Shanghai','Beijing','Shenzhen','Guangzhou','Chengdu','Hangzhou','Wuhan','Nanjing']`;
const EU_CITIES = `['Munich','Berlin','Hamburg','Stuttgart','Frankfurt','Cologne','Vienna','Zurich','Milan','Paris']`;

// Columns several datasets share (a prepared dataset keeps its source's keys).
const VIN_OF_FLEET = c(
  'vin',
  `vin(vehicle_id(i, 'veh'))`,
  'Vehicle identification number',
  true,
);
const ORDER_ID = c(
  'order_id',
  `'O' || lpad(i::VARCHAR, 9, '0')`,
  'Order number',
);
const ORDERING_CUSTOMER = c(
  'customer_id',
  `'C' || lpad((hash(i, 'cust') % 150000)::VARCHAR, 8, '0')`,
  'Ordering customer',
);
const MODEL_CODE = c(
  'model_code',
  `pick(['G26','I20','G05','G20','G60','G45','G70','U11','U06','J01'], i, 'model')`,
  'Harmonised model code',
);
const PART_NUMBER = c(
  'part_number',
  `lpad((1000000 + i)::VARCHAR, 11, '0')`,
  'Part number',
);
const PART_NAME = c(
  'part_name',
  `pick(['Brake pad set','Oil filter','Air filter','Wiper blade','Spark plug','Brake disc','Battery 12V','Cabin filter','Headlight unit','Tire pressure sensor','Key fob','Charging cable'], i, 'name')`,
  'Part description',
);
const PART_GROUP = c(
  'part_group',
  `pick(['brakes','engine','electrics','body','chassis','interior','hv-battery'], i, 'group')`,
  'Part group',
);
const PART_LIST_PRICE = c(
  'list_price_eur',
  `round(5 + u(i, 'price') * 1500, 2)`,
  'List price in EUR',
);
const VISIT_ID = c('visit_id', `'W' || lpad(i::VARCHAR, 9, '0')`, 'Visit id');
const WORKSHOP_ID = c(
  'workshop_id',
  `'CNW' || lpad((hash(i, 'ws') % 300)::VARCHAR, 3, '0')`,
  'Workshop',
);
const VISIT_MILEAGE = c(
  'mileage_km',
  `rint(i, 'mil', 500, 200000)`,
  'Mileage at the visit',
);
const US_CUSTOMER_EMAIL = c(
  'email',
  `lower(first_name(i, 'fn') || '.' || last_name(i, 'ln') || (i % 997)::VARCHAR || '@example.com')`,
  'E-mail address',
  true,
);
const US_DEALER_ID = c(
  'dealer_id',
  `'D' || lpad((hash(i, 'dealer') % 500)::VARCHAR, 4, '0')`,
  'Selling dealer',
);
const ORDERED_MODEL = c('model', `model(i, 'model')`, 'Ordered model');
const EXTERIOR_COLOR = c(
  'exterior_color',
  `pick(['Alpine White','Black Sapphire','Mineral Grey','Portimao Blue','Carbon Black','Skyscraper Grey'], i, 'color')`,
  'Exterior paint',
);
const PRODUCTION_DATE = c(
  'production_date',
  `DATE '2021-01-01' + (hash(i, 'prod') % 2100)::INTEGER`,
  'Date the vehicle left the assembly line',
);
const DRIVE_TYPE = c(
  'drive_type',
  `pick(['BEV','PHEV','ICE'], i, 'drive')`,
  'Battery electric, plug-in hybrid or combustion',
);

/** 150 equipment option flags of a vehicle order: what makes the configuration dataset wide. */
const OPTION_GROUPS: Array<[string, string[]]> = [
  [
    'seat',
    [
      'heating',
      'ventilation',
      'massage',
      'memory',
      'lumbar',
      'sport',
      'leather',
      'heated_rear',
      'power_rear',
      'third_row',
      'comfort',
      'child_isofix',
      'extended_thigh',
      'headrest_comfort',
      'cooling',
    ],
  ],
  [
    'light',
    [
      'laser',
      'adaptive_led',
      'matrix',
      'ambient',
      'fog',
      'cornering',
      'high_beam_assist',
      'welcome',
      'iconic_glow',
      'rear_3d',
      'interior_pack',
      'door_projection',
      'puddle',
      'reading',
      'shadow_line',
    ],
  ],
  [
    'assist',
    [
      'parking',
      'reversing',
      'lane_keep',
      'lane_change',
      'adaptive_cruise',
      'traffic_jam',
      'emergency_stop',
      'blind_spot',
      'cross_traffic',
      'surround_view',
      'remote_parking',
      'night_vision',
      'head_up_display',
      'driver_monitor',
      'speed_limit',
    ],
  ],
  [
    'audio',
    [
      'harman_kardon',
      'bowers_wilkins',
      'dab_radio',
      'sirius_xm',
      'rear_entertainment',
      'wireless_charging',
      'usb_c_rear',
      'apple_carplay',
      'android_auto',
      'natural_voice',
      'gesture_control',
      'subwoofer',
      'active_sound',
      'headrest_speakers',
      'amplifier',
    ],
  ],
  [
    'paint',
    [
      'metallic',
      'individual',
      'frozen_matte',
      'two_tone',
      'black_trim',
      'chrome_line',
      'carbon_roof',
      'pinstripe',
      'ceramic_coat',
      'mirror_caps',
      'kidney_black',
      'tinted_lights',
      'color_brakes',
      'shadow_badges',
      'sport_stripes',
    ],
  ],
  [
    'wheel',
    [
      '18_inch',
      '19_inch',
      '20_inch',
      '21_inch',
      '22_inch',
      'run_flat',
      'winter_set',
      'all_season',
      'forged',
      'aero',
      'locking_bolts',
      'tpms_plus',
      'spare',
      'performance_tires',
      'bicolor',
    ],
  ],
  [
    'comfort',
    [
      'panorama_roof',
      'sky_lounge',
      'soft_close',
      'comfort_access',
      'four_zone_climate',
      'air_suspension',
      'rear_steering',
      'acoustic_glass',
      'sun_blinds',
      'heated_steering',
      'parking_heater',
      'ionizer',
      'fragrance',
      'cooler_box',
      'tow_hitch',
    ],
  ],
  [
    'safety',
    [
      'active_protection',
      'side_airbags_rear',
      'knee_airbag',
      'pedestrian',
      'e_call',
      'theft_alarm',
      'tracking',
      'tire_monitor',
      'attention_assist',
      'brake_assist',
      'roll_over',
      'isofix_front',
      'armor_glass',
      'fire_suppress',
      'first_aid',
    ],
  ],
  [
    'connect',
    [
      'live_cockpit',
      'remote_services',
      'wifi_hotspot',
      'digital_key',
      'ota_updates',
      'real_time_traffic',
      'concierge',
      'smart_home',
      'drive_recorder',
      'app_store',
      'cloud_profile',
      'charging_map',
      'navi_plus',
      'teleservices',
      'fleet_portal',
    ],
  ],
  [
    'package',
    [
      'm_sport',
      'luxury',
      'executive',
      'business',
      'premium',
      'innovation',
      'shadow',
      'winter',
      'travel',
      'family',
      'performance',
      'track',
      'launch_edition',
      'pure',
      'excellence',
    ],
  ],
];
const optionColumns: DemoColumn[] = OPTION_GROUPS.flatMap(([group, options]) =>
  options.map((option, n) =>
    c(
      `opt_${group}_${option}`,
      `u(i, 'opt_${group}_${option}') < ${(
        0.08 +
        ((n * 37) % 80) / 100
      ).toFixed(2)}`,
      `Option ordered: ${group} / ${option.replace(/_/g, ' ')}`,
    ),
  ),
);

/** The demo lake: 3 hubs, 4 business objects, 3 layers, upstream chains, about 6 million rows. */
export const DEMO_DATASETS: DemoDataset[] = [
  // ---------------------------------------------------------------- global / vehicle
  {
    name: 'vehicle-master-source',
    title: 'Vehicle master data (source)',
    description:
      'Copy of the vehicle master system: one row per produced vehicle with model, plant and market.',
    tags: ['vehicle', 'master-data'],
    hub: 'global',
    layer: 'source',
    businessObject: 'domain:default/vehicle',
    owner: 'group:default/vehicle-master-data',
    classification: 'internal',
    lifecycle: 'production',
    freshnessHours: 24,
    upstream: [],
    tables: [
      {
        name: 'vehicles',
        description:
          'Produced vehicles as delivered by the master-data system.',
        rows: 200_000,
        columns: [
          c('vin', 'vin(i)', 'Vehicle identification number', true),
          c('model', `model(i, 'model')`, 'Sales model designation'),
          c(
            'body_type',
            `pick(['sedan','suv','touring','coupe','hatchback'], i, 'body')`,
            'Body type',
          ),
          DRIVE_TYPE,
          c(
            'production_plant',
            `pick(['Munich','Dingolfing','Regensburg','Leipzig','Spartanburg','Shenyang','Oxford'], i, 'plant')`,
            'Plant that built the vehicle',
          ),
          PRODUCTION_DATE,
          c(
            'market',
            `pick(['us','us','cn','cn','de','uk','fr','jp'], i, 'market')`,
            'Market the vehicle was built for',
          ),
          EXTERIOR_COLOR,
        ],
      },
    ],
  },
  {
    name: 'vehicle-master-prepared',
    title: 'Vehicle master data (prepared)',
    description:
      'Vehicle master data, deduplicated with harmonised model and market codes.',
    tags: ['vehicle', 'master-data'],
    hub: 'global',
    layer: 'prepared',
    businessObject: 'domain:default/vehicle',
    owner: 'group:default/vehicle-master-data',
    classification: 'internal',
    lifecycle: 'production',
    freshnessHours: 24,
    upstream: ['dataset:default/vehicle-master-source'],
    tables: [
      {
        name: 'vehicles',
        description: 'One row per vehicle with harmonised attributes.',
        rows: 200_000,
        columns: [
          c('vin', 'vin(i)', 'Vehicle identification number', true),
          MODEL_CODE,
          c('model', `model(i, 'model')`, 'Sales model designation'),
          DRIVE_TYPE,
          c(
            'battery_capacity_kwh',
            `CASE WHEN pick(['BEV','PHEV','ICE'], i, 'drive') = 'ICE' THEN NULL ELSE round(20 + u(i, 'bat') * 90, 1) END`,
            'Usable battery capacity, null for combustion vehicles',
          ),
          c(
            'market_code',
            `upper(pick(['us','us','cn','cn','de','uk','fr','jp'], i, 'market'))`,
            'ISO market code',
          ),
          PRODUCTION_DATE,
          c(
            'is_fleet_vehicle',
            `u(i, 'fleet') < 0.12`,
            'Registered to a fleet customer',
          ),
        ],
      },
    ],
  },
  {
    name: 'vehicle-telemetry-source',
    title: 'Vehicle telemetry signals (source)',
    description:
      'Raw connected-vehicle signals sent by the vehicles every few minutes while driving.',
    tags: ['telemetry', 'connected-vehicle'],
    hub: 'global',
    layer: 'source',
    businessObject: 'domain:default/vehicle',
    owner: 'group:default/connected-vehicle-data',
    classification: 'confidential',
    lifecycle: 'production',
    freshnessHours: 2,
    upstream: [],
    tables: [
      {
        name: 'signals',
        description: 'One row per received signal snapshot.',
        rows: 2_500_000,
        partitionBy: ['dt'],
        columns: [
          VIN_OF_FLEET,
          c(
            'signal_ts',
            tsOf('ts'),
            'Time the vehicle recorded the snapshot (UTC)',
          ),
          c('speed_kmh', `round(u(i, 'speed') * 160, 1)`, 'Vehicle speed'),
          c(
            'battery_soc_pct',
            `round(5 + u(i, 'soc') * 95, 1)`,
            'Battery state of charge',
          ),
          c('odometer_km', `rint(i, 'odo', 100, 180000)`, 'Odometer reading'),
          c(
            'latitude',
            `round(35 + u(i, 'lat') * 20, 5)`,
            'GPS latitude',
            true,
          ),
          c(
            'longitude',
            `round(-10 + u(i, 'lon') * 40, 5)`,
            'GPS longitude',
            true,
          ),
          c(
            'outside_temp_c',
            `round(-10 + u(i, 'temp') * 40, 1)`,
            'Outside temperature',
          ),
          c('dt', dayOf('ts'), 'Partition: day the signal was received'),
        ],
      },
    ],
  },
  {
    name: 'vehicle-trips-prepared',
    title: 'Vehicle trips (prepared)',
    description:
      'One row per completed trip, cleaned and deduplicated from the telemetry signals.',
    tags: ['telemetry', 'trips'],
    hub: 'global',
    layer: 'prepared',
    businessObject: 'domain:default/vehicle',
    owner: 'group:default/connected-vehicle-data',
    classification: 'confidential',
    lifecycle: 'production',
    freshnessHours: 24,
    upstream: ['dataset:default/vehicle-telemetry-source'],
    tables: [
      {
        name: 'trips',
        description: 'Completed trips with distance, duration and energy.',
        rows: 800_000,
        partitionBy: ['dt'],
        columns: [
          c('trip_id', `'T' || lpad(i::VARCHAR, 9, '0')`, 'Trip identifier'),
          VIN_OF_FLEET,
          c('start_ts', tsOf('start'), 'Trip start (UTC)'),
          c(
            'duration_min',
            `rint(i, 'dur', 3, 180)`,
            'Trip duration in minutes',
          ),
          c(
            'distance_km',
            `round(1 + u(i, 'dist') * 250, 2)`,
            'Driven distance',
          ),
          c(
            'avg_speed_kmh',
            `round(15 + u(i, 'avg') * 95, 1)`,
            'Average speed while moving',
          ),
          c(
            'energy_kwh',
            `round(u(i, 'energy') * 45, 2)`,
            'Energy consumed, 0 for combustion vehicles',
          ),
          c(
            'start_city',
            `pick(${EU_CITIES}, i, 'from')`,
            'City the trip started in',
          ),
          c(
            'end_city',
            `pick(${EU_CITIES}, i, 'to')`,
            'City the trip ended in',
          ),
          c('dt', dayOf('start'), 'Partition: day the trip started'),
        ],
      },
    ],
  },
  {
    name: 'vehicle-usage-semantic',
    title: 'Fleet usage per model and day (semantic)',
    description:
      'Daily usage per model and market: trips, distance and active vehicles, joined with vehicle master data.',
    tags: ['telemetry', 'kpi'],
    hub: 'global',
    layer: 'semantic',
    businessObject: 'domain:default/vehicle',
    owner: 'group:default/connected-vehicle-data',
    classification: 'internal',
    lifecycle: 'production',
    freshnessHours: 24,
    upstream: [
      'dataset:default/vehicle-trips-prepared',
      'dataset:default/vehicle-master-prepared',
    ],
    tables: [
      {
        name: 'daily_usage',
        description: 'One row per day, model and market.',
        rows: 300_000,
        columns: [
          c('usage_date', dayOf('day'), 'Day of use'),
          MODEL_CODE,
          c(
            'market_code',
            `upper(pick(['us','cn','de','uk','fr','jp'], i, 'market'))`,
            'ISO market code',
          ),
          c(
            'active_vehicles',
            `rint(i, 'active', 1, 4000)`,
            'Vehicles with at least one trip',
          ),
          c('trips', `rint(i, 'trips', 1, 12000)`, 'Number of trips'),
          c('total_km', `round(u(i, 'km') * 250000, 1)`, 'Distance driven'),
          c(
            'avg_trip_km',
            `round(3 + u(i, 'avgkm') * 40, 2)`,
            'Average trip distance',
          ),
        ],
      },
    ],
  },
  // ---------------------------------------------------------------- global / aftersales
  {
    name: 'parts-catalog-source',
    title: 'Spare parts catalog (source)',
    description: 'Copy of the global spare parts catalog with prices per part.',
    tags: ['aftersales', 'parts'],
    hub: 'global',
    layer: 'source',
    businessObject: 'domain:default/aftersales',
    owner: 'group:default/aftersales-global',
    classification: 'internal',
    lifecycle: 'production',
    freshnessHours: 168,
    upstream: [],
    tables: [
      {
        name: 'parts',
        description: 'One row per part number.',
        rows: 50_000,
        columns: [
          PART_NUMBER,
          PART_NAME,
          PART_GROUP,
          PART_LIST_PRICE,
          c('weight_kg', `round(0.05 + u(i, 'w') * 30, 3)`, 'Shipping weight'),
          c(
            'superseded_by',
            `CASE WHEN u(i, 'sup') < 0.05 THEN lpad((1000000 + i + 1)::VARCHAR, 11, '0') END`,
            'Newer part replacing this one, if any',
          ),
        ],
      },
    ],
  },
  {
    name: 'parts-catalog-prepared',
    title: 'Spare parts catalog (prepared)',
    description:
      'Current spare parts with harmonised groups and superseded parts resolved.',
    tags: ['aftersales', 'parts'],
    hub: 'global',
    layer: 'prepared',
    businessObject: 'domain:default/aftersales',
    owner: 'group:default/aftersales-global',
    classification: 'internal',
    lifecycle: 'production',
    freshnessHours: 168,
    upstream: ['dataset:default/parts-catalog-source'],
    tables: [
      {
        name: 'parts',
        description: 'One row per current part number.',
        rows: 47_500,
        columns: [
          PART_NUMBER,
          PART_NAME,
          PART_GROUP,
          PART_LIST_PRICE,
          c(
            'is_wear_part',
            `u(i, 'wear') < 0.3`,
            'Replaced regularly during service',
          ),
        ],
      },
    ],
  },
  // ---------------------------------------------------------------- us / customer
  {
    name: 'us-customer-crm-source',
    title: 'US customers from CRM (source)',
    description: 'Copy of the US CRM: customers with contact details.',
    tags: ['customer', 'crm'],
    hub: 'us',
    layer: 'source',
    businessObject: 'domain:default/customer',
    owner: 'group:default/customer-data-us',
    classification: 'strictly-confidential',
    lifecycle: 'production',
    freshnessHours: 24,
    upstream: [],
    tables: [
      {
        name: 'customers',
        description:
          'One row per CRM customer record (may contain duplicates).',
        rows: 150_000,
        columns: [
          c(
            'customer_id',
            `'C' || lpad(i::VARCHAR, 8, '0')`,
            'CRM customer id',
          ),
          c('first_name', `first_name(i, 'fn')`, 'First name', true),
          c('last_name', `last_name(i, 'ln')`, 'Last name', true),
          US_CUSTOMER_EMAIL,
          c(
            'phone',
            `'+1 ' || rint(i, 'area', 200, 989)::VARCHAR || ' 555 ' || lpad(rint(i, 'ph', 0, 9999)::VARCHAR, 4, '0')`,
            'Phone number',
            true,
          ),
          c(
            'city',
            `pick(['Los Angeles','Houston','New York','Miami','Seattle','Chicago','Newark','Atlanta','Boston','Phoenix','Denver','Charlotte'], i, 'city')`,
            'City',
          ),
          c('state', `pick(${US_STATES}, i, 'city')`, 'State'),
          c(
            'customer_since',
            `DATE '2005-01-01' + (hash(i, 'since') % 7600)::INTEGER`,
            'First purchase date',
          ),
          c(
            'marketing_opt_in',
            `u(i, 'optin') < 0.4`,
            'Consented to marketing',
          ),
        ],
      },
    ],
  },
  {
    name: 'us-customer-profiles-prepared',
    title: 'US customer profiles (prepared)',
    description: 'Deduplicated US customers with segment and lifetime value.',
    tags: ['customer'],
    hub: 'us',
    layer: 'prepared',
    businessObject: 'domain:default/customer',
    owner: 'group:default/customer-data-us',
    classification: 'confidential',
    lifecycle: 'production',
    freshnessHours: 24,
    upstream: ['dataset:default/us-customer-crm-source'],
    tables: [
      {
        name: 'profiles',
        description: 'One row per real customer.',
        rows: 140_000,
        columns: [
          c('customer_id', `'C' || lpad(i::VARCHAR, 8, '0')`, 'Customer id'),
          c(
            'full_name',
            `first_name(i, 'fn') || ' ' || last_name(i, 'ln')`,
            'Full name',
            true,
          ),
          US_CUSTOMER_EMAIL,
          c('state', `pick(${US_STATES}, i, 'city')`, 'State'),
          c(
            'segment',
            `pick(['private','private','private','business','fleet'], i, 'seg')`,
            'Customer segment',
          ),
          c(
            'vehicles_owned',
            `rint(i, 'owned', 1, 4)`,
            'Vehicles currently owned',
          ),
          c(
            'lifetime_value_usd',
            `round(20000 + u(i, 'ltv') * 380000, 2)`,
            'Revenue with the customer to date',
          ),
        ],
      },
    ],
  },
  // ---------------------------------------------------------------- us / sales
  {
    name: 'us-sales-orders-source',
    title: 'US vehicle orders (source)',
    description:
      'Copy of the US dealer order system: vehicle orders and dealers.',
    tags: ['sales', 'orders'],
    hub: 'us',
    layer: 'source',
    businessObject: 'domain:default/sales',
    owner: 'group:default/sales-data-us',
    classification: 'confidential',
    lifecycle: 'production',
    freshnessHours: 24,
    upstream: [],
    tables: [
      {
        name: 'orders',
        description: 'One row per vehicle order.',
        rows: 400_000,
        columns: [
          ORDER_ID,
          ORDERING_CUSTOMER,
          VIN_OF_FLEET,
          US_DEALER_ID,
          c('order_ts', tsOf('order'), 'Order time (UTC)'),
          ORDERED_MODEL,
          c(
            'list_price_usd',
            `round(35000 + u(i, 'price') * 90000, 2)`,
            'List price',
          ),
          c(
            'discount_usd',
            `round(u(i, 'disc') * 6000, 2)`,
            'Granted discount',
          ),
          c(
            'status',
            `pick(['ordered','in_production','shipped','delivered','delivered','delivered','cancelled'], i, 'status')`,
            'Order status',
          ),
        ],
      },
      {
        name: 'dealers',
        description: 'US dealers.',
        rows: 500,
        columns: [
          c('dealer_id', `'D' || lpad(i::VARCHAR, 4, '0')`, 'Dealer id'),
          c(
            'dealer_name',
            `pick(['Pacific','Lone Star','Empire','Sunshine','Evergreen','Windy City','Garden State','Peach','Bay State','Desert'], i, 'dn') || ' Motors ' || i::VARCHAR`,
            'Dealer name',
          ),
          c('state', `pick(${US_STATES}, i, 'ds')`, 'State'),
          c(
            'region',
            `pick(['West','South','Northeast','Midwest'], i, 'dr')`,
            'Sales region',
          ),
        ],
      },
    ],
  },
  {
    name: 'us-sales-orders-prepared',
    title: 'US vehicle orders (prepared)',
    description: 'Valid US vehicle orders with net price and dealer region.',
    tags: ['sales', 'orders'],
    hub: 'us',
    layer: 'prepared',
    businessObject: 'domain:default/sales',
    owner: 'group:default/sales-data-us',
    classification: 'confidential',
    lifecycle: 'production',
    freshnessHours: 24,
    upstream: ['dataset:default/us-sales-orders-source'],
    tables: [
      {
        name: 'orders',
        description: 'One row per valid (not cancelled) order.',
        rows: 340_000,
        partitionBy: ['order_date'],
        columns: [
          ORDER_ID,
          ORDERING_CUSTOMER,
          VIN_OF_FLEET,
          US_DEALER_ID,
          c(
            'dealer_region',
            `pick(['West','South','Northeast','Midwest'], i, 'dr')`,
            'Sales region of the dealer',
          ),
          ORDERED_MODEL,
          c(
            'net_price_usd',
            `round(33000 + u(i, 'price') * 88000, 2)`,
            'Price after discount',
          ),
          c('order_date', dayOf('order'), 'Partition: order day'),
        ],
      },
    ],
  },
  {
    name: 'us-vehicle-order-configurations-prepared',
    title: 'US vehicle order configurations (prepared)',
    description:
      'The full equipment configuration of every US vehicle order: one column per option, for product planning.',
    tags: ['sales', 'configuration', 'wide'],
    hub: 'us',
    layer: 'prepared',
    businessObject: 'domain:default/sales',
    owner: 'group:default/sales-data-us',
    classification: 'internal',
    lifecycle: 'production',
    freshnessHours: 24,
    upstream: ['dataset:default/us-sales-orders-source'],
    tables: [
      {
        name: 'order_configurations',
        description:
          'One row per order; one boolean column per orderable option.',
        rows: 100_000,
        columns: [
          ORDER_ID,
          VIN_OF_FLEET,
          ORDERED_MODEL,
          c('model_year', `rint(i, 'my', 2024, 2027)`, 'Model year'),
          c(
            'trim_level',
            `pick(['base','sport','luxury','m_sport'], i, 'trim')`,
            'Trim level',
          ),
          EXTERIOR_COLOR,
          c(
            'upholstery',
            `pick(['Sensatec Black','Vernasca Cognac','Merino Ivory','Alcantara Grey'], i, 'uph')`,
            'Upholstery',
          ),
          c(
            'options_price_usd',
            `round(u(i, 'optp') * 25000, 2)`,
            'Sum of option prices',
          ),
          ...optionColumns,
          c('order_date', dayOf('order'), 'Order day'),
        ],
      },
    ],
  },
  {
    name: 'us-sales-performance-semantic',
    title: 'US sales performance (semantic)',
    description:
      'Orders, revenue and conversion per dealer, model and day, enriched with customer segments.',
    tags: ['sales', 'kpi'],
    hub: 'us',
    layer: 'semantic',
    businessObject: 'domain:default/sales',
    owner: 'group:default/sales-data-us',
    classification: 'internal',
    lifecycle: 'production',
    freshnessHours: 24,
    upstream: [
      'dataset:default/us-sales-orders-prepared',
      'dataset:default/us-customer-profiles-prepared',
    ],
    tables: [
      {
        name: 'daily_sales',
        description: 'One row per day, dealer and model.',
        rows: 100_000,
        columns: [
          c('sales_date', dayOf('day'), 'Day'),
          c(
            'dealer_id',
            `'D' || lpad((hash(i, 'dealer') % 500)::VARCHAR, 4, '0')`,
            'Dealer',
          ),
          c(
            'dealer_region',
            `pick(['West','South','Northeast','Midwest'], i, 'dr')`,
            'Sales region',
          ),
          c('model', `model(i, 'model')`, 'Model'),
          c('orders', `rint(i, 'orders', 1, 40)`, 'Orders'),
          c(
            'revenue_usd',
            `round(40000 + u(i, 'rev') * 2000000, 2)`,
            'Net revenue',
          ),
          c(
            'fleet_share_pct',
            `round(u(i, 'fleet') * 35, 1)`,
            'Share of orders by fleet customers',
          ),
        ],
      },
    ],
  },
  // ---------------------------------------------------------------- cn / customer + aftersales
  {
    name: 'cn-customer-crm-source',
    title: 'China customers from CRM (source)',
    description:
      'Copy of the China CRM: customers with contact details, kept in the cn hub.',
    tags: ['customer', 'crm'],
    hub: 'cn',
    layer: 'source',
    businessObject: 'domain:default/customer',
    owner: 'group:default/customer-data-cn',
    classification: 'strictly-confidential',
    lifecycle: 'production',
    freshnessHours: 24,
    upstream: [],
    tables: [
      {
        name: 'customers',
        description: 'One row per CRM customer record.',
        rows: 120_000,
        columns: [
          c(
            'customer_id',
            `'CN' || lpad(i::VARCHAR, 8, '0')`,
            'CRM customer id',
          ),
          c(
            'full_name',
            `last_name(i, 'ln') || ' ' || first_name(i, 'fn')`,
            'Full name',
            true,
          ),
          c(
            'mobile',
            `'+86 1' || rint(i, 'mob', 30, 99)::VARCHAR || ' ' || lpad(rint(i, 'mob2', 0, 99999999)::VARCHAR, 8, '0')`,
            'Mobile number',
            true,
          ),
          c(
            'email',
            `lower(first_name(i, 'fn') || (i % 9973)::VARCHAR || '@example.cn')`,
            'E-mail address',
            true,
          ),
          c('city', `pick(${CN_CITIES}, i, 'city')`, 'City'),
          c(
            'customer_since',
            `DATE '2010-01-01' + (hash(i, 'since') % 5800)::INTEGER`,
            'First purchase date',
          ),
        ],
      },
    ],
  },
  {
    name: 'cn-workshop-visits-source',
    title: 'China workshop visits (source)',
    description:
      'Copy of the dealer management systems: every workshop visit in China.',
    tags: ['aftersales', 'workshop'],
    hub: 'cn',
    layer: 'source',
    businessObject: 'domain:default/aftersales',
    owner: 'group:default/aftersales-cn',
    classification: 'confidential',
    lifecycle: 'production',
    freshnessHours: 24,
    upstream: [],
    tables: [
      {
        name: 'visits',
        description: 'One row per workshop visit.',
        rows: 300_000,
        partitionBy: ['visit_date'],
        columns: [
          VISIT_ID,
          VIN_OF_FLEET,
          c(
            'customer_name',
            `last_name(i, 'ln') || ' ' || first_name(i, 'fn')`,
            'Name of the customer bringing the car',
            true,
          ),
          WORKSHOP_ID,
          c(
            'workshop_city',
            `pick(${CN_CITIES}, i, 'ws')`,
            'City of the workshop',
          ),
          VISIT_MILEAGE,
          c(
            'service_type',
            `pick(['inspection','oil_service','brake_service','tire_change','warranty_repair','recall','accident_repair','software_update'], i, 'svc')`,
            'Main reason of the visit',
          ),
          c(
            'labour_hours',
            `round(0.5 + u(i, 'lab') * 12, 1)`,
            'Billed labour hours',
          ),
          c('parts_cost_cny', `round(u(i, 'parts') * 12000, 2)`, 'Parts cost'),
          c(
            'total_cost_cny',
            `round(300 + u(i, 'parts') * 12000 + u(i, 'lab') * 6000, 2)`,
            'Invoice total',
          ),
          c('visit_date', dayOf('visit'), 'Partition: visit day'),
        ],
      },
    ],
  },
  {
    name: 'cn-workshop-visits-prepared',
    title: 'China workshop visits (prepared)',
    description:
      'Workshop visits with harmonised service codes, customer names removed.',
    tags: ['aftersales', 'workshop'],
    hub: 'cn',
    layer: 'prepared',
    businessObject: 'domain:default/aftersales',
    owner: 'group:default/aftersales-cn',
    classification: 'confidential',
    lifecycle: 'production',
    freshnessHours: 24,
    upstream: ['dataset:default/cn-workshop-visits-source'],
    tables: [
      {
        name: 'visits',
        description: 'One row per workshop visit.',
        rows: 300_000,
        columns: [
          VISIT_ID,
          VIN_OF_FLEET,
          WORKSHOP_ID,
          c(
            'service_code',
            `pick(['INS','OIL','BRK','TIR','WAR','RCL','ACC','SWU'], i, 'svc')`,
            'Harmonised service code',
          ),
          c(
            'is_warranty',
            `pick(['INS','OIL','BRK','TIR','WAR','RCL','ACC','SWU'], i, 'svc') IN ('WAR','RCL')`,
            'Paid by warranty or recall',
          ),
          VISIT_MILEAGE,
          c(
            'total_cost_eur',
            `round((300 + u(i, 'parts') * 12000 + u(i, 'lab') * 6000) / 7.8, 2)`,
            'Invoice total in EUR',
          ),
          c('visit_date', dayOf('visit'), 'Visit day'),
        ],
      },
    ],
  },
  {
    name: 'cn-warranty-claims-semantic',
    title: 'China warranty cost per model (semantic)',
    description:
      'Warranty and recall cost per model and week, joined with global vehicle master data.',
    tags: ['aftersales', 'warranty', 'kpi'],
    hub: 'cn',
    layer: 'semantic',
    businessObject: 'domain:default/aftersales',
    owner: 'group:default/aftersales-cn',
    classification: 'internal',
    lifecycle: 'production',
    freshnessHours: 168,
    upstream: [
      'dataset:default/cn-workshop-visits-prepared',
      'dataset:default/vehicle-master-prepared',
    ],
    tables: [
      {
        name: 'warranty_cost',
        description: 'One row per week, model and service code.',
        rows: 20_000,
        columns: [
          c(
            'week_start',
            `${DAY0} - 7 * (hash(i, 'wk') % 52)::INTEGER`,
            'Monday of the week',
          ),
          MODEL_CODE,
          c(
            'service_code',
            `pick(['WAR','RCL'], i, 'svc')`,
            'Warranty or recall',
          ),
          c('claims', `rint(i, 'claims', 1, 300)`, 'Number of claims'),
          c('cost_eur', `round(u(i, 'cost') * 250000, 2)`, 'Warranty cost'),
          c(
            'cost_per_vehicle_eur',
            `round(20 + u(i, 'cpv') * 400, 2)`,
            'Cost per vehicle in the field',
          ),
        ],
      },
    ],
  },
];
