"""Names, streets and contact details for the demo school.

The pools follow the make-up of a Swedish municipality today: most families
with Swedish names, and many whose names come from Syria, Iraq, Somalia,
Iran and Afghanistan, the former Yugoslavia, Finland, Poland, Eritrea,
Turkey and Kurdistan, Vietnam and China, and Latin America. Children's
names are among those common for children born in Sweden around 2010-2020;
guardians' among those common for their parents' generation. Family names
that change with gender (Polish -ski/-ska) are left out so a family shares one.

Contact details are made so a demo can never reach a real person: e-mail
domains are the ones RFC 2606 reserves for examples, and phone numbers come
from the range PTS (the Swedish telecom regulator) reserves for fiction.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class NamePool:
    weight: int
    girls: tuple[str, ...]
    boys: tuple[str, ...]
    women: tuple[str, ...]
    men: tuple[str, ...]
    families: tuple[str, ...]


def _t(text: str) -> tuple[str, ...]:
    return tuple(text.split(", "))


POOLS: tuple[NamePool, ...] = (
    NamePool(
        62,
        _t(
            "Alice, Maja, Elsa, Astrid, Wilma, Freja, Olivia, Selma, Ebba, Alma, Ella, Vera, "
            "Saga, Agnes, Signe, Stella, Lilly, Ines, Alva, Klara, Ellen, Ida, Tyra, Nova, "
            "Elvira, Hedda, Juni, Molly, Lova, Edith, Majken, Sigrid, Leia, Isabelle"
        ),
        _t(
            "William, Noah, Hugo, Liam, Lucas, Oliver, Elias, Adam, Alexander, Nils, Theo, "
            "Arvid, Vincent, Ludvig, Leo, Axel, Viktor, Charlie, Edvin, Oscar, Harry, Love, "
            "Olle, Sixten, Melvin, Malte, Gustav, Isak, Valter, Frans, Sigge, August, Loke"
        ),
        _t(
            "Anna, Maria, Karin, Sara, Emma, Linda, Johanna, Jenny, Malin, Sofia, Elin, "
            "Camilla, Jessica, Lisa, Hanna, Åsa, Helena, Frida, Therese, Emelie, Louise"
        ),
        _t(
            "Johan, Erik, Anders, Fredrik, Daniel, Andreas, Magnus, Peter, Mikael, Martin, "
            "Niklas, Jonas, Henrik, Stefan, Mattias, Marcus, Per, Joakim, Kristoffer, Robert"
        ),
        _t(
            "Andersson, Johansson, Karlsson, Nilsson, Eriksson, Larsson, Olsson, Persson, "
            "Svensson, Gustafsson, Pettersson, Jonsson, Jansson, Hansson, Bengtsson, Jönsson, "
            "Lindberg, Jakobsson, Magnusson, Lindström, Olofsson, Lindqvist, Lindgren, Berg, "
            "Axelsson, Bergström, Lundberg, Lind, Lundgren, Lundqvist, Mattsson, Berglund, "
            "Fredriksson, Sandberg, Henriksson, Forsberg, Sjöberg, Wallin, Engström, Eklund, "
            "Danielsson, Håkansson, Lundin, Björk, Gunnarsson, Holm, Samuelsson, Fransson, "
            "Wikström, Isaksson, Nyberg, Arvidsson, Söderberg, Nyström, Holmberg, Åberg"
        ),
    ),
    NamePool(
        10,
        _t(
            "Fatima, Maryam, Sara, Yasmin, Lana, Nour, Hiba, Rania, Zainab, Leila, Amira, "
            "Jana, Malak, Aya, Lina, Sama, Mira, Rahaf"
        ),
        _t(
            "Mohammed, Ali, Omar, Ahmad, Yusuf, Hassan, Ibrahim, Adam, Karim, Zaid, Khaled, "
            "Hamza, Mustafa, Jamal, Elias, Yousef, Ilyas, Ayman"
        ),
        _t("Fatima, Rana, Huda, Samira, Nadia, Reem, Dalia, Layla, Amal, Suha, Ghada, Rasha"),
        _t("Ahmad, Mohammad, Khalid, Ali, Bassam, Tariq, Walid, Hussein, Samir, Nabil, Firas"),
        _t(
            "Al-Hassan, Hussein, Ibrahim, Khalil, Haddad, Saleh, Mansour, Nasser, Abbas, "
            "Al-Khatib, Darwish, Youssef, Hamdan, Jaber, Al-Sayed, Kassem"
        ),
    ),
    NamePool(
        4,
        _t("Hodan, Ifrah, Sagal, Nasra, Amina, Hibo, Muna, Ayaan, Ladan, Deeqa, Hamdi"),
        _t("Abdi, Abdirahman, Mohamed, Ahmed, Liban, Yusuf, Hamza, Abdullahi, Mahad, Ilyas"),
        _t("Fadumo, Halima, Khadija, Hawa, Asha, Sahra, Faduma, Maryan"),
        _t("Abdullahi, Hassan, Abdiqani, Mohamed, Omar, Farah, Abdikadir"),
        _t("Abdi, Ali, Farah, Osman, Warsame, Jama, Hassan, Mohamud, Aden, Nur, Guled, Ismail"),
    ),
    NamePool(
        4,
        _t("Yasaman, Parisa, Darya, Ava, Nazanin, Mina, Setareh, Roya, Shirin, Tara, Mahsa"),
        _t("Arman, Kian, Dariush, Omid, Aryan, Navid, Reza, Sina, Farhad, Mehdi, Mustafa"),
        _t("Maryam, Leila, Fereshteh, Nasrin, Zahra, Shabnam, Masoumeh, Fatemeh"),
        _t("Ali, Reza, Hamid, Mehdi, Javad, Amir, Hossein, Sayed"),
        _t(
            "Rahimi, Hosseini, Karimi, Ahmadi, Mohammadi, Rezaei, Jafari, Sadeghi, Nazari, "
            "Hashemi, Azizi, Sultani"
        ),
    ),
    NamePool(
        4,
        _t("Amra, Lejla, Emina, Ajla, Sara, Mia, Lana, Nina, Jelena, Ana, Hana"),
        _t("Amar, Emir, Adnan, Luka, Marko, Dino, Edin, Haris, Filip, Stefan, Tarik"),
        _t("Jasmina, Amela, Selma, Mirela, Dragana, Sanja, Alma, Edina"),
        _t("Dragan, Senad, Nermin, Goran, Zoran, Almir, Elvis, Mirza"),
        _t(
            "Hadžić, Kovačević, Hodžić, Begić, Delić, Jovanović, Petrović, Nikolić, Mujić, "
            "Husić, Alić, Marić"
        ),
    ),
    NamePool(
        3,
        _t("Aino, Emilia, Helmi, Venla, Aada, Sofia, Ilona"),
        _t("Eino, Onni, Väinö, Leo, Elias, Juho, Oliver"),
        _t("Tiina, Sanna, Minna, Riikka, Päivi, Katja, Hanna"),
        _t("Mikko, Jukka, Timo, Pekka, Janne, Antti, Sami"),
        _t("Virtanen, Korhonen, Mäkinen, Nieminen, Heikkinen, Laine, Koskinen, Järvinen"),
    ),
    NamePool(
        3,
        _t("Zofia, Julia, Maja, Zuzanna, Hanna, Lena, Alicja, Natalia"),
        _t("Jakub, Antoni, Szymon, Jan, Filip, Kacper, Mateusz, Wojciech"),
        _t("Agnieszka, Katarzyna, Magdalena, Anna, Joanna, Monika"),
        _t("Piotr, Tomasz, Paweł, Krzysztof, Marcin, Michał"),
        _t("Nowak, Wójcik, Kowalczyk, Mazur, Krawczyk, Woźniak, Kaczmarek, Zając"),
    ),
    NamePool(
        3,
        _t("Selam, Hanna, Meron, Saba, Ruth, Helen, Mahlet, Senait, Feven"),
        _t("Yonas, Daniel, Samuel, Natan, Abel, Robel, Dawit, Eyob, Aron"),
        _t("Tsega, Almaz, Mebrat, Tigist, Azeb, Rahel"),
        _t("Tesfaye, Berhane, Yohannes, Kidane, Mesfin, Tewelde"),
        _t("Tesfaye, Haile, Gebremedhin, Tekle, Berhe, Kidane, Habte, Woldu"),
    ),
    NamePool(
        3,
        _t("Elif, Zeynep, Defne, Ecem, Dilan, Rojda, Berfin, Azra, Nisa"),
        _t("Emre, Yusuf, Deniz, Baran, Kerem, Rojhat, Can, Alan, Miran"),
        _t("Ayşe, Fatma, Emine, Gülşen, Nesrin, Zozan, Hatice"),
        _t("Mehmet, Ahmet, Murat, Serdar, Kemal, Hasan, Dilovan"),
        _t("Yılmaz, Kaya, Demir, Öztürk, Aydın, Çelik, Şahin, Doğan, Ekinci"),
    ),
    NamePool(
        2,
        _t("Linh, Mai, Anh, Mei, Yuna, Hana, Vy"),
        _t("Minh, Bao, Huy, Kai, Jin, Long, Nam"),
        _t("Thu, Lan, Hoa, Ling, Thi Lan"),
        _t("Tuan, Hung, Wei, Hao, Duc"),
        _t("Nguyen, Tran, Le, Pham, Chen, Wang, Li, Hoang"),
    ),
    NamePool(
        2,
        _t("Valentina, Isabella, Camila, Sofía, Martina, Antonella"),
        _t("Mateo, Santiago, Diego, Sebastián, Tomás, Benjamín"),
        _t("Carolina, Andrea, Paula, María, Daniela"),
        _t("Carlos, Andrés, Jorge, Luis, Felipe"),
        _t("García, Rodríguez, González, Hernández, Silva, Muñoz, Rojas"),
    ),
)

STREETS = _t(
    "Björkvägen, Storgatan, Kungsgatan, Skolgatan, Linnégatan, Sysslomansgatan, "
    "Väderkvarnsgatan, Kålsängsgränd, Tuna backar, Rackarbergsgatan, Torgny Segerstedts allé, "
    "Gottsundavägen, Vårdsätravägen, Hjalmar Brantingsgatan, Gränby backe, Salabacksgatan, "
    "Norbyvägen, Tiundagatan, Luthagsesplanaden, Stabby allé, Kvarngärdesgatan, Johannesbäcksgatan"
)
POSTAL_PREFIXES = ("752", "753", "754", "756", "757")
LOCALITY = "Uppsala"
EMAIL_DOMAINS = ("example.se", "example.com", "example.org", "example.net")


def pick_pool(rng: random.Random) -> NamePool:
    return rng.choices(POOLS, weights=[pool.weight for pool in POOLS])[0]


#: Letters that Unicode does not decompose into a base letter and an accent.
_PLAIN_LETTERS = str.maketrans({"ł": "l", "đ": "d", "ø": "o", "æ": "ae", "ß": "ss", "ı": "i"})


def ascii_slug(text: str) -> str:
    """'Åsa-Britt Öztürk' -> 'asa-britt.ozturk' style local parts for e-mail addresses."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_PLAIN_LETTERS))
    plain = "".join(
        char for char in decomposed if char.isascii() and not unicodedata.combining(char)
    )
    return "".join(char for char in plain.replace(" ", ".") if char.isalnum() or char in ".-")


def fictional_mobile(index: int) -> str:
    """A number from 070-174 06 05 .. 070-174 06 99, which PTS reserves for fiction."""
    return f"070-174 06 {5 + index % 95:02d}"
